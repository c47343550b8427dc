/**
 * Local accounts for the tests, made the way people get one: created invited, an admin sends the
 * invitation, the person follows the e-mailed link and sets a password.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';
import type { MailMessage } from '../../server/auth/mailer.js';
import { createPerson } from '../../server/services/people/createPerson.js';
import type { Role } from '../../shared/roles.js';
import { lastLinkToken, postWithCsrf } from './app.js';
import { OPERATOR } from './fixtures.js';

/** What is needed to invite: the app, an admin's credentials and the mailbox the app sends to. */
export interface Inviting {
  app: Express;
  admin: { Authorization: string };
  messages: MailMessage[];
}

/**
 * A person of the UN with `roles` and a local account whose password is `password`; returns their id
 * and the browser (agent) that accepted the invitation, not signed in.
 */
export async function localAccount(
  { app, admin, messages }: Inviting,
  person: { name: string; email: string; roles: Role[] },
  password: string,
): Promise<{ personId: string; agent: request.Agent }> {
  const created = await createPerson(OPERATOR, {
    ...person,
    organisation: 'UN',
    languages: [],
    expertise: [],
    status: 'invited',
  });
  await request(app).post('/api/v1/auth/invitations').set(admin).send({ personId: created.id }).expect(202);
  const agent = request.agent(app);
  const accepted = await postWithCsrf(agent, '/api/v1/auth/invitations/accept', {
    token: lastLinkToken(messages, person.email),
    password,
  });
  assert.equal(accepted.status, 200, accepted.text);
  return { personId: created.id, agent };
}
