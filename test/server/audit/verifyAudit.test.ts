import assert from 'node:assert/strict';
import { recordAudit } from '../../../server/audit/recordAudit.js';
import { entryHash } from '../../../server/audit/hashChain.js';
import { verifyAudit } from '../../../server/audit/verifyAudit.js';
import { auditKeys, configureAuditKey, type AuditKeys } from '../../../server/audit/auditKey.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { TEST_AUDIT_KEY } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

const write = async (n: number, action = 'test.event') => {
  for (let i = 0; i < n; i++) await recordAudit(OPERATOR, action, { type: 'Thing', id: String(i) }, { n: i });
};

describe('the audit chain', () => {
  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
  });

  it('links entries by hash and verifies an intact chain', async () => {
    await write(5);
    const entries = await AuditEntryModel.find().sort({ seq: 1 }).lean();
    assert.deepEqual(
      entries.map((e) => e.seq),
      [1, 2, 3, 4, 5],
    );
    for (let i = 1; i < entries.length; i++) assert.equal(entries[i]?.prevHash, entries[i - 1]?.hash);
    assert.deepEqual(await verifyAudit(2), { ok: true, entries: 5 });
  });

  it('keeps one unbroken chain under a burst of 150 concurrent writers', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 150 }, (_, i) => recordAudit(OPERATOR, 'test.concurrent', null, { i })),
    );
    assert.equal(new Set(seqs).size, 150);
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 150 });
  });

  it('stores text the way it hashed it, even a lone surrogate', async () => {
    await recordAudit(OPERATOR, 'test.unicode', { type: 'City', label: 'Sfax \ud800' }, { name: 'x\udfff' });
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 1 });
  });

  it('names an entry whose content was edited in the database, and keeps checking after it', async () => {
    await write(6);
    await AuditEntryModel.collection.updateOne({ seq: 3 }, { $set: { 'details.n': 99 } });
    await AuditEntryModel.collection.updateOne({ seq: 5 }, { $set: { action: 'forged' } });
    const verdict = await verifyAudit();
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.ok ? [] : verdict.breaks, [
      { seq: 3, reason: 'its content does not match its hash' },
      { seq: 5, reason: 'its content does not match its hash' },
    ]);
  });

  it('catches an edit re-hashed without the key at the entry itself', async () => {
    await write(3);
    const second = await AuditEntryModel.findOne({ seq: 2 }).lean();
    assert.ok(second);
    assert.equal(second.alg, 'hmac-sha256');
    const forged = {
      seq: 2,
      at: second.at,
      actor: second.actor,
      action: 'forged',
      target: second.target,
      details: second.details,
    };
    for (const alg of ['hmac-sha256', 'sha256']) {
      await AuditEntryModel.collection.updateOne(
        { seq: 2 },
        { $set: { action: 'forged', alg, hash: entryHash(second.prevHash, forged) } },
      );
      const verdict = await verifyAudit();
      assert.deepEqual(verdict.ok ? null : verdict.breaks[0], {
        seq: 2,
        reason:
          alg === 'sha256'
            ? 'it is unkeyed after keyed entries (written without AUDIT_KEY)'
            : 'its content does not match its hash',
      });
    }
  });

  it('keeps verifying unkeyed entries written before AUDIT_KEY, followed by keyed ones', async () => {
    configureAuditKey(null);
    await write(2);
    configureAuditKey(TEST_AUDIT_KEY);
    await write(2);
    const algs = (await AuditEntryModel.find().sort({ seq: 1 }).lean()).map((e) => e.alg ?? 'sha256');
    assert.deepEqual(algs, ['sha256', 'sha256', 'hmac-sha256', 'hmac-sha256']);
    assert.deepEqual(await verifyAudit(), { ok: true, entries: 4 });
    const withoutKey = await verifyAudit(500, undefined, { keys: null });
    assert.deepEqual(withoutKey.ok ? null : [withoutKey.brokenSeq, withoutKey.reason], [
      3,
      'it is keyed and no AUDIT_KEY is set to check it',
    ]);
    const otherKey = await verifyAudit(500, undefined, {
      keys: { ...(auditKeys() as AuditKeys), chain: Buffer.alloc(32) },
    });
    assert.equal(
      otherKey.ok ? 0 : otherKey.brokenSeq,
      3,
      'under another key the keyed entries do not verify',
    );
  });

  it('catches an unkeyed edit that was re-hashed, through the link of the next entry', async () => {
    configureAuditKey(null);
    await write(3);
    const second = await AuditEntryModel.findOne({ seq: 2 }).lean();
    assert.ok(second);
    const forged = {
      seq: 2,
      at: second.at,
      actor: second.actor,
      action: 'forged',
      target: second.target,
      details: second.details,
    };
    await AuditEntryModel.collection.updateOne(
      { seq: 2 },
      { $set: { action: 'forged', hash: entryHash(second.prevHash, forged) } },
    );
    const verdict = await verifyAudit();
    assert.deepEqual(verdict.ok ? null : verdict.breaks, [
      { seq: 3, reason: 'its link to the previous entry does not match' },
    ]);
  });

  it('names a deleted entry in the middle', async () => {
    await write(3);
    await AuditEntryModel.collection.deleteOne({ seq: 2 });
    const verdict = await verifyAudit();
    assert.deepEqual(verdict.ok ? null : [verdict.brokenSeq, verdict.reason], [2, 'this entry is missing']);
  });

  it('catches entries deleted from the end when given the head the server logged', async () => {
    await write(4);
    const head = await AuditEntryModel.findOne({ seq: 4 }).lean();
    const pinned = { seq: 4, hash: head?.hash ?? '' };
    assert.deepEqual(await verifyAudit(500, pinned), { ok: true, entries: 4 });
    await AuditEntryModel.collection.deleteMany({ seq: { $gte: 3 } });
    assert.deepEqual(
      await verifyAudit(),
      { ok: true, entries: 2 },
      'without a pinned head a shorter chain looks whole',
    );
    const verdict = await verifyAudit(500, pinned);
    assert.deepEqual(verdict.ok ? null : [verdict.brokenSeq, verdict.reason], [
      4,
      'the recorded head is gone: entries were deleted from the end',
    ]);
  });
});
