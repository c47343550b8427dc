import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAnchors, signAnchor, writeAnchor } from '../../../server/audit/anchors.js';
import {
  auditKeys,
  configureAuditKey,
  deriveAuditKeys,
  type AuditKeys,
} from '../../../server/audit/auditKey.js';
import { entryHash } from '../../../server/audit/hashChain.js';
import { recordAudit } from '../../../server/audit/recordAudit.js';
import { verifyAudit } from '../../../server/audit/verifyAudit.js';
import { auditCommands } from '../../../server/admin/commands/audit.js';
import { AuditEntryModel } from '../../../server/models/AuditEntry.js';
import { TEST_AUDIT_KEY } from '../../support/app.js';
import { resetDatabase } from '../../support/database.js';
import { OPERATOR } from '../../support/fixtures.js';

const write = async (n: number) => {
  for (let i = 0; i < n; i++)
    await recordAudit(OPERATOR, 'test.event', { type: 'Thing', id: String(i) }, { n: i });
};

/** `audit verify --anchors <file>`, as the operator runs it: its printed lines, or the error it ends with. */
async function auditVerify(file: string): Promise<{ ok: boolean; text: string }> {
  const command = auditCommands.find((c) => c.name === 'audit verify');
  assert.ok(command);
  const lines: string[] = [];
  try {
    await command.run(['--anchors', file], { json: false, print: (_v, human) => lines.push(human()) });
    return { ok: true, text: lines.join('\n') };
  } catch (error) {
    return { ok: false, text: `${lines.join('\n')}\n${(error as Error).message}` };
  }
}

describe('audit anchors: the signed head outside the database', () => {
  let file: string;
  let keys: AuditKeys;

  beforeEach(async () => {
    await resetDatabase();
    configureAuditKey(TEST_AUDIT_KEY);
    keys = auditKeys() as AuditKeys;
    file = path.join(mkdtempSync(path.join(os.tmpdir(), 'concordia-anchors-')), 'audit-anchors.log');
  });

  /** Ten entries, anchored at 5 and at 10. */
  async function anchoredChain(): Promise<void> {
    await write(5);
    await writeAnchor(keys, file);
    await write(5);
    await writeAnchor(keys, file);
  }

  it('appends signed heads as JSON lines, and an intact chain verifies against them', async () => {
    assert.equal(await writeAnchor(keys, file), null, 'an empty chain has nothing to anchor');
    await anchoredChain();
    const { anchors, unreadable } = await readAnchors(file);
    assert.deepEqual(
      anchors.map((a) => a.seq),
      [5, 10],
    );
    assert.deepEqual(unreadable, []);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
    assert.deepEqual(await verifyAudit(500, undefined, { anchors: { anchors, unreadable } }), {
      ok: true,
      entries: 10,
      anchors: 2,
    });
    const cli = await auditVerify(file);
    assert.deepEqual(cli, { ok: true, text: 'audit chain intact: 10 entries verified against 2 anchor(s)' });
  });

  it('fails, naming the entry, after an edit in the database', async () => {
    await anchoredChain();
    await AuditEntryModel.collection.updateOne({ seq: 7 }, { $set: { 'details.n': 99 } });
    const cli = await auditVerify(file);
    assert.equal(cli.ok, false);
    assert.match(cli.text, /audit chain broken at entry 7: its content does not match its hash/);
  });

  it('fails, naming the entry, after entries are reordered in the database', async () => {
    await anchoredChain();
    await AuditEntryModel.collection.updateOne({ seq: 3 }, { $set: { seq: -3 } });
    await AuditEntryModel.collection.updateOne({ seq: 4 }, { $set: { seq: 3 } });
    await AuditEntryModel.collection.updateOne({ seq: -3 }, { $set: { seq: 4 } });
    const cli = await auditVerify(file);
    assert.equal(cli.ok, false);
    assert.match(cli.text, /audit chain broken at entry 3: its link to the previous entry does not match/);
  });

  it('fails, naming the entry, after an entry is deleted in the database', async () => {
    await anchoredChain();
    await AuditEntryModel.collection.deleteOne({ seq: 6 });
    const cli = await auditVerify(file);
    assert.equal(cli.ok, false);
    assert.match(cli.text, /audit chain broken at entry 6: this entry is missing/);
  });

  it('fails, naming the first missing entry, after the end of the chain is cut (caught only by the anchors)', async () => {
    await anchoredChain();
    await AuditEntryModel.collection.deleteMany({ seq: { $gte: 8 } });
    assert.deepEqual(
      await verifyAudit(),
      { ok: true, entries: 7 },
      'without anchors a shorter chain looks whole',
    );
    const cli = await auditVerify(file);
    assert.equal(cli.ok, false);
    assert.match(
      cli.text,
      /audit chain broken at entry 8: this entry is missing: the chain ends before a head anchored outside the database \(3 problem\(s\) in 7 entries\)/,
    );
  });

  it('catches a chain rewritten from the start without the key (unkeyed), below an anchored head', async () => {
    await anchoredChain();
    let prevHash = '0'.repeat(64);
    for (const entry of await AuditEntryModel.find().sort({ seq: 1 }).lean()) {
      const content = {
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: { n: 0 },
      };
      const hash = entryHash(prevHash, content);
      await AuditEntryModel.collection.updateOne(
        { seq: entry.seq },
        { $set: { details: { n: 0 }, prevHash, hash }, $unset: { alg: '' } },
      );
      prevHash = hash;
    }
    assert.equal((await verifyAudit()).ok, true, 'an unkeyed chain alone is consistent');
    const cli = await auditVerify(file);
    assert.equal(cli.ok, false);
    assert.match(cli.text, /entry 5: it is not the head anchored outside the database/);
  });

  it('refuses anchors that were altered, forged under another key, or are not anchors', async () => {
    await write(3);
    const genuine = signAnchor(keys, {
      seq: 3,
      hash: (await AuditEntryModel.findOne({ seq: 3 }).lean())?.hash ?? '',
    });
    writeFileSync(file, `${JSON.stringify(genuine)}\n`);
    assert.equal((await auditVerify(file)).ok, true);
    appendFileSync(file, `${JSON.stringify({ ...genuine, seq: 2 })}\n`);
    let cli = await auditVerify(file);
    assert.match(cli.text, /entry 2: its anchor is not signed by AUDIT_KEY \(forged or altered\)/);
    const other = deriveAuditKeys('another-audit-key-'.padEnd(40, 'x'));
    writeFileSync(file, `${JSON.stringify(signAnchor(other, { seq: 9, hash: 'a'.repeat(64) }))}\nnot json\n`);
    cli = await auditVerify(file);
    assert.match(cli.text, /entry 0: anchor line 2 is not JSON/);
    assert.match(cli.text, /entry 9: its anchor was signed by another key/);
  });
});
