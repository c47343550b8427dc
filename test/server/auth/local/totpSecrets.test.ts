/**
 * TOTP secrets at rest: what the database holds after an enrolment is sealed (not the secret), a
 * sealed value moved to another account does not open, and secrets stored in clear by an older
 * version still work, are sealed at their next use, and are all sealed by the start-up migration.
 */
import assert from 'node:assert/strict';
import type { Express } from 'express';
import mongoose from 'mongoose';
import { generate } from 'otplib';
import request from 'supertest';
import { hashPassword } from '../../../../server/auth/local/passwords.js';
import { newTotpSecret } from '../../../../server/auth/local/totp.js';
import {
  openTotpSecret,
  sealClearTotpSecrets,
  sealTotpSecret,
} from '../../../../server/auth/local/totpSecrets.js';
import { LocalCredentialModel } from '../../../../server/models/LocalCredential.js';
import { createPerson } from '../../../../server/services/people/createPerson.js';
import { resetDatabase } from '../../../support/database.js';
import { OPERATOR } from '../../../support/fixtures.js';
import { postWithCsrf, testApp } from '../../../support/app.js';

const PASSWORD = 'correct horse battery staple';

/** The stored document as a database dump shows it (no mongoose casting). */
async function raw(email: string): Promise<Record<string, unknown> | null> {
  return mongoose.connection.collection('localcredentials').findOne({ email });
}

async function localPerson(email: string): Promise<string> {
  const person = await createPerson(OPERATOR, {
    name: email,
    email,
    roles: ['partner_observer'],
    organisation: 'UN',
    languages: [],
    expertise: [],
    status: 'active',
  });
  await LocalCredentialModel.updateOne({ email }, { $set: { passwordHash: await hashPassword(PASSWORD) } });
  return person.id;
}

describe('TOTP secrets at rest', () => {
  let app: Express;

  before(async () => {
    await resetDatabase();
    app = testApp(); // configures the data keys
  });

  it('stores a sealed value, never the secret, from enrolment on', async () => {
    await localPerson('sam@un.example');
    const agent = request.agent(app);
    await postWithCsrf(agent, '/api/v1/auth/login', { email: 'sam@un.example', password: PASSWORD });
    const enrol = await postWithCsrf(agent, '/api/v1/auth/totp/enrol');
    const secret = enrol.body.secret as string;
    const pending = await raw('sam@un.example');
    assert.match(String(pending?.totpPendingSecret), /^sealed:v1:/);
    assert.ok(!String(pending?.totpPendingSecret).includes(secret));
    const confirmed = await postWithCsrf(agent, '/api/v1/auth/totp/confirm', {
      code: await generate({ secret }),
    });
    assert.equal(confirmed.status, 200, confirmed.text);
    const stored = await raw('sam@un.example');
    assert.match(String(stored?.totpSecret), /^sealed:v1:/);
    assert.ok(!JSON.stringify(stored).includes(secret), 'the dump does not contain the secret');
    assert.equal(stored?.totpPendingSecret, null);
    assert.equal(openTotpSecret(String(stored?.totpSecret), String(stored?._id)), secret);
  });

  it('does not open a sealed value copied to another account', async () => {
    await localPerson('ann@un.example');
    const from = await raw('sam@un.example');
    const to = await raw('ann@un.example');
    assert.throws(() => openTotpSecret(String(from?.totpSecret), String(to?._id)));
  });

  it('reads a clear secret from before sealing, and seals it at its next use', async () => {
    await localPerson('old@un.example');
    const secret = newTotpSecret();
    await mongoose.connection
      .collection('localcredentials')
      .updateOne({ email: 'old@un.example' }, { $set: { totpSecret: secret } });
    const agent = request.agent(app);
    const login = await postWithCsrf(agent, '/api/v1/auth/login', {
      email: 'old@un.example',
      password: PASSWORD,
    });
    assert.equal(login.body.status, 'second_factor_required');
    const ok = await postWithCsrf(agent, '/api/v1/auth/login/second-factor', {
      code: await generate({ secret }),
    });
    assert.equal(ok.status, 200, ok.text);
    const stored = await raw('old@un.example');
    assert.match(String(stored?.totpSecret), /^sealed:v1:/);
    assert.equal(openTotpSecret(String(stored?.totpSecret), String(stored?._id)), secret);
  });

  it('the start-up migration seals every clear secret and is safe to run again', async () => {
    await localPerson('mig@un.example');
    const secret = newTotpSecret();
    const pendingSecret = newTotpSecret();
    await mongoose.connection
      .collection('localcredentials')
      .updateOne(
        { email: 'mig@un.example' },
        { $set: { totpSecret: secret, totpPendingSecret: pendingSecret } },
      );
    const before = await raw('sam@un.example');
    assert.equal(await sealClearTotpSecrets(), 1);
    const stored = await raw('mig@un.example');
    assert.match(String(stored?.totpSecret), /^sealed:v1:/);
    assert.match(String(stored?.totpPendingSecret), /^sealed:v1:/);
    assert.equal(openTotpSecret(String(stored?.totpPendingSecret), String(stored?._id)), pendingSecret);
    assert.equal(
      (await raw('sam@un.example'))?.totpSecret,
      before?.totpSecret,
      'sealed values are left alone',
    );
    assert.equal(await sealClearTotpSecrets(), 0);
    const all = await mongoose.connection
      .collection('localcredentials')
      .find({ totpSecret: { $ne: null } })
      .toArray();
    for (const doc of all) assert.match(String(doc.totpSecret), /^sealed:v1:/);
    assert.notEqual(sealTotpSecret(secret, 'x'), sealTotpSecret(secret, 'x'), 'a fresh data key each time');
  });
});
