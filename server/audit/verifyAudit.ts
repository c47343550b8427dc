/**
 * Walks the audit chain in order and reports every entry whose number, link or hash is wrong. After
 * a break it goes on from the stored hash, so one broken entry cannot hide edits further along.
 * Deleting entries from the end leaves a valid shorter chain; to catch that, pin a head the logs
 * reported earlier (`expectHead`).
 */
import { AuditEntryModel } from '../models/AuditEntry.js';
import { GENESIS_HASH, entryHash } from './hashChain.js';

/** One problem found in the chain. */
export interface AuditBreak {
  seq: number;
  reason: string;
}

/** The outcome of a verification. */
export type AuditVerdict =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenSeq: number; reason: string; breaks: AuditBreak[] };

/** A head (sequence number and hash) known from outside the database. */
export interface ExpectedHead {
  seq: number;
  hash: string;
}

const MAX_BREAKS = 100;

/** Verifies the whole chain, reading it in pages so memory stays flat. */
export async function verifyAudit(pageSize = 500, expectHead?: ExpectedHead): Promise<AuditVerdict> {
  const breaks: AuditBreak[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let headSeen = expectHead === undefined;
  for (;;) {
    const page = await AuditEntryModel.find({ seq: { $gte: expectedSeq } })
      .sort({ seq: 1 })
      .limit(pageSize)
      .lean();
    if (page.length === 0) break;
    for (const entry of page) {
      if (entry.seq !== expectedSeq) {
        for (let missing = expectedSeq; missing < entry.seq; missing++)
          breaks.push({ seq: missing, reason: 'this entry is missing' });
        expectedSeq = entry.seq;
      } else if (entry.prevHash !== prevHash) {
        breaks.push({ seq: entry.seq, reason: 'its link to the previous entry does not match' });
      }
      const content = {
        seq: entry.seq,
        at: entry.at,
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details: entry.details,
      };
      if (entryHash(entry.prevHash, content) !== entry.hash)
        breaks.push({ seq: entry.seq, reason: 'its content does not match its hash' });
      if (expectHead && entry.seq === expectHead.seq) {
        headSeen = true;
        if (entry.hash !== expectHead.hash)
          breaks.push({ seq: entry.seq, reason: 'it is not the head recorded outside the database' });
      }
      prevHash = entry.hash;
      expectedSeq++;
      if (breaks.length >= MAX_BREAKS) break;
    }
    if (breaks.length >= MAX_BREAKS) break;
  }
  const entries = expectedSeq - 1;
  if (!headSeen && expectHead)
    breaks.push({
      seq: expectHead.seq,
      reason: 'the recorded head is gone: entries were deleted from the end',
    });
  const first = breaks[0];
  if (!first) return { ok: true, entries };
  return { ok: false, entries, brokenSeq: first.seq, reason: first.reason, breaks };
}
