/**
 * A database dump alone reveals no secret: after a TOTP enrolment, the SP's key pairs and a SCIM token
 * are made through the real paths, every collection is read raw and searched for each secret.
 */
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { loadSpKeys } from '../../../server/auth/saml/spKeys.js';
import { issueScimToken } from '../../../server/services/scim/scimTokens.js';
import { captureMailer, postWithCsrf, testApp, testConfig } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { localAccount } from '../../support/localAccounts.js';
import { OPERATOR, seedDirectory } from '../../support/fixtures.js';
import { registerTestIdp, testKey } from '../../support/saml.js';

const PASSWORD = 'correct horse battery staple';

/** Every document of every collection, as one JSON text (what a dump holds). */
async function dump(): Promise<string> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  const texts: string[] = [];
  for (const collection of await db.collections())
    texts.push(JSON.stringify(await collection.find({}).toArray()));
  return texts.join('\n');
}

describe('secrets at rest: a database dump reveals none', function () {
  this.timeout(60_000);

  it('holds neither the authenticator secret, the SP private keys nor the SCIM token', async () => {
    await resetDatabase();
    const dir = await seedDirectory();
    const capture = captureMailer();
    const app = testApp({}, { mailer: capture.mailer });
    const { agent } = await localAccount(
      { app, admin: dir.people.admin.auth, messages: capture.messages },
      { name: 'Dana Dump', email: 'dana@un.example', roles: ['partner_observer'] },
      PASSWORD,
    );
    const login = await postWithCsrf(agent, '/api/v1/auth/login', {
      email: 'dana@un.example',
      password: PASSWORD,
    });
    assert.equal(login.body.status, 'signed_in', login.text);
    const enrol = await postWithCsrf(agent, '/api/v1/auth/totp/enrol');
    assert.equal(enrol.status, 200, enrol.text);
    const totpSecret = String(enrol.body.secret);

    const keys = await loadSpKeys();
    const privateKeys = [...keys.signing, ...keys.encryption].map((k) => k.privateKey);
    assert.ok(privateKeys.length >= 2);

    const config = testConfig();
    await registerTestIdp(config, 'dump-idp', 'lyon', await testKey('dump-idp'));
    const { token } = await issueScimToken(OPERATOR, 'dump-idp', config);

    const text = await dump();
    assert.ok(text.includes('sealed:v1:'), 'the sealed values are there');
    assert.ok(!text.includes(totpSecret), 'no TOTP secret');
    assert.ok(!text.includes('PRIVATE KEY'), 'no PEM private key');
    for (const pem of privateKeys) {
      const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      assert.ok(!text.includes(body.slice(0, 64)), 'no private key material');
    }
    assert.ok(!text.includes(token) && !text.includes(token.slice(5)), 'no SCIM token');
  });
});
