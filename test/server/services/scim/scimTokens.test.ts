/**
 * SCIM tokens through the admin API: made (shown once), listed without secrets, used, rotated (the
 * old secret stops at once), revoked; only a SHA-256 is stored; only whoever may manage the provider
 * may do any of it; every step is audited; a disabled provider's token is refused.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { AuditEntryModel } from '../../../../server/models/AuditEntry.js';
import { ScimTokenModel } from '../../../../server/models/ScimToken.js';
import { scimClient, scimWorld } from '../../scim/scimKit.js';

const BASE = '/api/v1/identity-providers/lyon-idp/scim-tokens';

describe('SCIM tokens (admin API)', () => {
  const w = scimWorld();
  let issued = { token: '', id: '' };

  it('an admin makes a token: shown once with the base URL; only its hash is stored', async () => {
    const res = await request(w.app).post(BASE).set(w.dir.people.admin.auth).send({});
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.token, /^scim_[A-Za-z0-9_-]{43}$/);
    assert.equal(res.body.baseUrl, `${w.config.publicUrl}/scim/v2`);
    assert.equal(res.body.item.prefix, res.body.token.slice(0, 12));
    issued = { token: res.body.token as string, id: res.body.item.id as string };
    const stored = await ScimTokenModel.findById(issued.id).lean();
    assert.equal(stored?.hash, createHash('sha256').update(issued.token).digest('hex'));
    const dump = JSON.stringify(await ScimTokenModel.find({}).lean());
    assert.ok(!dump.includes(issued.token.slice(12)), 'no secret in the collection');
    await scimClient(w.app, issued.token).get('/ServiceProviderConfig').expect(200);
  });

  it('lists prefixes and last use, never a secret', async () => {
    const res = await request(w.app).get(BASE).set(w.dir.people.admin.auth).expect(200);
    const mine = res.body.tokens.find((t: { id: string }) => t.id === issued.id);
    assert.ok(mine.lastUsedAt, 'last use recorded');
    assert.ok(!JSON.stringify(res.body).includes(issued.token.slice(12)));
  });

  it('rotates: the old secret stops at once, the new one works', async () => {
    const res = await request(w.app)
      .post(`${BASE}/${issued.id}/rotate`)
      .set(w.dir.people.admin.auth)
      .send({});
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.notEqual(res.body.token, issued.token);
    await scimClient(w.app, issued.token).get('/Users').expect(401);
    await scimClient(w.app, res.body.token as string)
      .get('/Users')
      .expect(200);
    issued.token = res.body.token as string;
  });

  it('revokes: the token is refused from then on', async () => {
    const res = await request(w.app).delete(`${BASE}/${issued.id}`).set(w.dir.people.admin.auth);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(!res.body.tokens.some((t: { id: string }) => t.id === issued.id));
    await scimClient(w.app, issued.token).get('/Users').expect(401);
    await request(w.app).delete(`${BASE}/${issued.id}`).set(w.dir.people.admin.auth).expect(404);
  });

  it('records issue, rotation and revocation in the audit log, with the prefix only', async () => {
    const entries = await AuditEntryModel.find({ action: /^scim\.token_/ }).lean();
    const actions = entries.map((e) => e.action);
    for (const action of ['scim.token_issued', 'scim.token_rotated', 'scim.token_revoked'])
      assert.ok(actions.includes(action), action);
    assert.ok(!JSON.stringify(entries).includes(issued.token.slice(12)));
  });

  it('refuses anyone who may not manage the provider', async () => {
    const tokensBefore = await ScimTokenModel.countDocuments({});
    // Those who may not even read the provider learn nothing of it: 404, as for its page.
    await request(w.app).get(BASE).set(w.dir.people.practitioner.auth).expect(404);
    await request(w.app).post(BASE).set(w.dir.people.practitioner.auth).send({}).expect(404);
    assert.equal(await ScimTokenModel.countDocuments({}), tokensBefore, 'nothing made');
    const other = await request(w.app).post(BASE).set(w.dir.people.otherCity.auth).send({});
    assert.ok([403, 404].includes(other.status), String(other.status));
    await request(w.app).get(BASE).expect(401);
    await request(w.app)
      .post('/api/v1/identity-providers/no-such-idp/scim-tokens')
      .set(w.dir.people.admin.auth)
      .send({})
      .expect(404);
    await request(w.app).post(`${BASE}/not-an-id/rotate`).set(w.dir.people.admin.auth).send({}).expect(400);
    await request(w.app)
      .post(BASE)
      .set(w.dir.people.admin.auth)
      .send({ unexpected: 1 })
      .expect((res) => assert.ok(res.status === 201 || res.status === 400));
  });

  it('refuses the token of a disabled provider', async () => {
    const made = await request(w.app).post(BASE).set(w.dir.people.admin.auth).send({}).expect(201);
    await scimClient(w.app, made.body.token as string)
      .get('/Users')
      .expect(200);
    await request(w.app)
      .patch('/api/v1/identity-providers/lyon-idp')
      .set(w.dir.people.admin.auth)
      .send({ status: 'disabled' })
      .expect(200);
    await scimClient(w.app, made.body.token as string)
      .get('/Users')
      .expect(401);
  });

  it('appears in the API document', async () => {
    const doc = await request(w.app).get('/api/openapi.json').expect(200);
    assert.ok(doc.body.paths['/api/v1/identity-providers/{idp}/scim-tokens']);
    assert.ok(doc.body.paths['/api/v1/identity-providers/{idp}/scim-tokens/{token}/rotate']);
  });
});
