/**
 * SCIM test kit: a real app over the test database with the seeded directory, Lyon's and Amman's
 * identity providers, a SCIM token for each (made through the real service), and a supertest helper
 * that sends SCIM requests with a token.
 */
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../server/app.js';
import type { Config } from '../../../server/config.js';
import { createLogger } from '../../../server/logger.js';
import { issueScimToken } from '../../../server/services/scim/scimTokens.js';
import { testConfig } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR, seedDirectory, type Directory } from '../../support/fixtures.js';
import { registerTestIdp, testKey } from '../../support/saml.js';

/** The SCIM media type. */
export const SCIM = 'application/scim+json';

/** The core User schema URN. */
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** The Group schema URN. */
export const GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** The PatchOp message URN. */
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The error message URN. */
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** What {@link scimWorld} sets up. */
export interface ScimWorld {
  app: Express;
  config: Config;
  dir: Directory;
  tokens: { lyon: string; amman: string };
}

/** Sends SCIM requests with a bearer token. */
export function scimClient(app: Express, token: string) {
  const auth = { Authorization: `Bearer ${token}`, Accept: SCIM };
  return {
    get: (path: string) => request(app).get(`/scim/v2${path}`).set(auth),
    delete: (path: string) => request(app).delete(`/scim/v2${path}`).set(auth),
    post: (path: string, body: unknown) =>
      request(app).post(`/scim/v2${path}`).set(auth).set('Content-Type', SCIM).send(JSON.stringify(body)),
    put: (path: string, body: unknown) =>
      request(app).put(`/scim/v2${path}`).set(auth).set('Content-Type', SCIM).send(JSON.stringify(body)),
    patch: (path: string, body: unknown) =>
      request(app).patch(`/scim/v2${path}`).set(auth).set('Content-Type', SCIM).send(JSON.stringify(body)),
  };
}

/** A SCIM user body. */
export function userBody(userName: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_URN],
    userName,
    name: { givenName: 'Test', familyName: userName.split('@')[0] },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...more,
  };
}

/** A PatchOp body. */
export function patchBody(...operations: Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: [PATCH_URN], Operations: operations };
}

/** For a `describe` block: a fresh database, directory, providers and tokens, and an app. */
export function scimWorld(overrides: Record<string, string> = {}): ScimWorld {
  const world = {} as ScimWorld;
  before(async () => {
    await resetDatabase();
    world.dir = await seedDirectory();
    world.config = testConfig(overrides);
    world.app = createApp({ config: world.config, logger: createLogger(world.config.logLevel) });
    await registerTestIdp(world.config, 'lyon-idp', 'lyon', await testKey('lyon-idp'));
    await registerTestIdp(world.config, 'amman-idp', 'amman', await testKey('amman-idp'));
    world.tokens = {
      lyon: (await issueScimToken(OPERATOR, 'lyon-idp', world.config)).token,
      amman: (await issueScimToken(OPERATOR, 'amman-idp', world.config)).token,
    };
  });
  return world;
}
