import assert from 'node:assert/strict';
import type { PersonActor } from '../../../shared/policy/actor.js';
import { pseudonymiseAudit, ERASURE_ACTION } from '../../../server/audit/pseudonymiseAudit.js';
import { recordAudit } from '../../../server/audit/recordAudit.js';
import { verifyAudit } from '../../../server/audit/verifyAudit.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { configureAuditKey } from '../../../server/audit/auditKey.js';
import { TEST_AUDIT_KEY } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

const ALICE: PersonActor = {
  kind: 'person',
  id: 'a'.repeat(24),
  name: 'Alice Martin',
  roles: ['practitioner'],
  cityId: null,
} as unknown as PersonActor;
const BOB: PersonActor = { ...ALICE, id: 'b'.repeat(24), name: 'Bob Diallo' } as PersonActor;

const entry = (seq: number) => AuditEntryModel.findOne({ seq }).lean();

describe('audit pseudonymisation: personal fields erased, the chain still verifies', () => {
  // Keyed (HMAC) entries, as every server writes them now: erasure keeps those verifying too.
  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
  });

  async function history() {
    await recordAudit(
      ALICE,
      'auth.signed_in',
      { type: 'Person', id: ALICE.id },
      { method: 'local', ip: '10.0.0.7' },
    );
    await recordAudit(
      BOB,
      'person.roles_changed',
      { type: 'Person', id: ALICE.id, label: 'Alice Martin' },
      {},
    );
    await recordAudit(
      ALICE,
      'content.viewed',
      { type: 'Post', id: 'c'.repeat(24), label: 'RED' },
      { channel: 'rest' },
    );
    await recordAudit(BOB, 'auth.signed_in', { type: 'Person', id: BOB.id }, { ip: '10.0.0.8' });
    await recordAudit(OPERATOR, 'test.operator', { type: 'Thing' }, { n: 1 });
  }

  async function erase(person: PersonActor) {
    const seq = await recordAudit(person, ERASURE_ACTION, { type: 'Person', id: person.id }, { deleted: 0 });
    return pseudonymiseAudit(person.id, seq);
  }

  it('seals personal fields when written and leaves other entries as they always were', async () => {
    await history();
    const signIn = await entry(1);
    assert.deepEqual(Object.keys(signIn?.seals ?? {}).sort(), ['actor:name', 'details:ip']);
    assert.equal((signIn?.actor as { name: string }).name, 'Alice Martin', 'the value is still readable');
    assert.deepEqual(Object.keys((await entry(2))?.seals ?? {}).sort(), ['actor:name', 'target:label']);
    assert.equal((await entry(5))?.seals, undefined, "an operator's entry has nothing personal");
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 5 });
  });

  it("erases the person's name, address and name as a target, keeps ids and others' data, and still verifies", async () => {
    await history();
    const result = await erase(ALICE);
    assert.deepEqual(result, { pseudonymised: 4, unsealed: 0 });
    const [signIn, roles, viewed, bobs] = await Promise.all([entry(1), entry(2), entry(3), entry(4)]);
    assert.deepEqual(signIn?.actor, { kind: 'person', id: ALICE.id, name: null });
    assert.equal((signIn?.details as { ip: unknown }).ip, null);
    assert.equal(
      (roles?.actor as { name: string }).name,
      'Bob Diallo',
      'the admin who acted keeps their name',
    );
    assert.equal((roles?.target as { label: unknown }).label, null);
    assert.equal((viewed?.actor as { name: unknown }).name, null);
    assert.equal((bobs?.details as { ip: string }).ip, '10.0.0.8', "another person's entry is untouched");
    const names = JSON.stringify(await AuditEntryModel.find().lean());
    assert.doesNotMatch(names, /Alice Martin|10\.0\.0\.7/);
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 6 });
    assert.deepEqual(
      await erase(ALICE),
      { pseudonymised: 1, unsealed: 0 },
      'a second erasure finds only its own new entry',
    );
  });

  it('catches a value written back into an erased field, and an erasure nobody recorded', async () => {
    await history();
    await erase(ALICE);
    await AuditEntryModel.collection.updateOne({ seq: 1 }, { $set: { 'actor.name': 'Someone Else' } });
    const forged = await verifyAudit();
    assert.deepEqual(forged.ok ? [] : forged.breaks, [
      { seq: 1, reason: 'an erased field holds a value again' },
    ]);
    await AuditEntryModel.collection.updateOne({ seq: 1 }, { $set: { 'actor.name': null } });
    assert.equal((await verifyAudit()).ok, true);
    // Someone with database access "erases" Bob's address without an erasure of Bob.
    const bob = await entry(4);
    await AuditEntryModel.collection.updateOne(
      { seq: 4 },
      { $set: { 'actor.name': null, seals: {}, redacted: { 'actor:name': 'x'.repeat(64) }, erasedBy: 6 } },
    );
    const verdict = await verifyAudit();
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.ok ? [] : verdict.breaks.map((b) => b.reason), [
      'its content does not match its hash',
      'fields were erased without an erasure of the person it names',
    ]);
    assert.ok(bob);
  });

  it('counts entries written before seals, which keep their name rather than break the chain', async () => {
    await history();
    await AuditEntryModel.collection.updateOne({ seq: 3 }, { $unset: { seals: '' } });
    const result = await erase(ALICE);
    assert.deepEqual(result, { pseudonymised: 3, unsealed: 1 });
  });
});
