/** Walks the audit chain in order and reports the first entry whose number, link or hash is wrong. */
import { AuditEntryModel } from '../models/AuditEntry.js';
import { GENESIS_HASH, entryHash } from './hashChain.js';

/** The outcome of a verification. */
export type AuditVerdict =
  { ok: true; entries: number } | { ok: false; entries: number; brokenSeq: number; reason: string };

/** Verifies the whole chain, reading it in pages so memory stays flat. */
export async function verifyAudit(pageSize = 500): Promise<AuditVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const page = await AuditEntryModel.find({ seq: { $gte: expectedSeq } })
      .sort({ seq: 1 })
      .limit(pageSize)
      .lean();
    if (page.length === 0) return { ok: true, entries: expectedSeq - 1 };
    for (const entry of page) {
      const fail = (reason: string): AuditVerdict => ({
        ok: false,
        entries: expectedSeq - 1,
        brokenSeq: entry.seq,
        reason,
      });
      if (entry.seq !== expectedSeq)
        return {
          ok: false,
          entries: expectedSeq - 1,
          brokenSeq: expectedSeq,
          reason: 'this entry is missing',
        };
      if (entry.prevHash !== prevHash) return fail('its link to the previous entry does not match');
      const content = {
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: entry.details,
      };
      if (entryHash(prevHash, content) !== entry.hash) return fail('its content does not match its hash');
      prevHash = entry.hash;
      expectedSeq++;
    }
  }
}
