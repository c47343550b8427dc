import assert from 'node:assert/strict';
import { recordAudit } from '../../../server/audit/recordAudit.js';
import { verifyAudit } from '../../../server/audit/verifyAudit.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

describe('the audit chain', () => {
  beforeEach(resetDatabase);

  it('links entries by hash and verifies an intact chain', async () => {
    for (let i = 0; i < 5; i++)
      await recordAudit(OPERATOR, 'test.event', { type: 'Thing', id: String(i) }, { n: i, at: new Date(0) });
    const entries = await AuditEntryModel.find().sort({ seq: 1 }).lean();
    assert.deepEqual(
      entries.map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i]?.prevHash, entries[i - 1]?.hash);
    assert.deepEqual(await verifyAudit(2), { ok: true, entries: 5 });
  });

  it('keeps one unbroken chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 15 }, (_, i) => recordAudit(OPERATOR, 'test.concurrent', null, { i })),
    );
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 15 });
  });

  it('names the first entry whose content was edited in the database', async () => {
    for (let i = 0; i < 4; i++)
      await recordAudit(
        OPERATOR,
        'label.changed',
        { type: 'Post', id: String(i) },
        { from: 'RED', to: 'AMBER' },
      );
    await AuditEntryModel.collection.updateOne({ seq: 3 }, { $set: { 'details.to': 'CLEAR' } });
    const verdict = await verifyAudit();
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.ok ? null : [verdict.brokenSeq, verdict.reason], [
      3,
      'its content does not match its hash',
    ]);
  });

  it('notices a re-hashed edit through the broken link to the next entry', async () => {
    for (let i = 0; i < 3; i++) await recordAudit(OPERATOR, 'x', null, { i });
    const second = await AuditEntryModel.findOne({ seq: 2 }).lean();
    await AuditEntryModel.collection.updateOne(
      { seq: 2 },
      { $set: { hash: 'f'.repeat(64), action: 'forged' } },
    );
    const verdict = await verifyAudit();
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? 0 : verdict.brokenSeq, 2);
    assert.ok(second);
  });

  it('names a deleted entry', async () => {
    for (let i = 0; i < 3; i++) await recordAudit(OPERATOR, 'x', null, { i });
    await AuditEntryModel.collection.deleteOne({ seq: 2 });
    const verdict = await verifyAudit();
    assert.deepEqual(verdict.ok ? null : [verdict.brokenSeq, verdict.reason], [2, 'this entry is missing']);
  });
});
