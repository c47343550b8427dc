/**
 * Walks the audit chain in order and reports every entry whose number, link or hash is wrong. After
 * a break it goes on from the stored hash, so one broken entry cannot hide edits further along.
 * Deleting entries from the end leaves a valid shorter chain; to catch that, pin a head the logs
 * reported earlier (`expectHead`). Erased personal fields (hashChain.ts) verify through their seals;
 * each must be empty and answered for by a `person.erased` entry about the person the entry names.
 */
import { AuditEntryModel, type AuditEntryDoc } from '../models/AuditEntry.js';
import { ERASURE_ACTION, peopleNamedBy } from './pseudonymiseAudit.js';
import { GENESIS_HASH, entryHash, valueAt } from './hashChain.js';

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

/** The person ids each `person.erased` entry erased, by its sequence number. */
async function erasures(): Promise<Map<number, string>> {
  const entries = await AuditEntryModel.find({ action: ERASURE_ACTION }, { seq: 1, target: 1 }).lean();
  return new Map(entries.map((e) => [e.seq, String((e.target as { id?: unknown } | null)?.id ?? '')]));
}

/** Why an entry's erased fields are not what an erasure leaves, or null when they are. */
function redactionProblem(entry: AuditEntryDoc, erased: Map<number, string>): string | null {
  const redacted = (entry.redacted ?? {}) as Record<string, string>;
  if (Object.keys(redacted).length === 0) return null;
  for (const path of Object.keys(redacted))
    if (valueAt(entry, path) !== null) return 'an erased field holds a value again';
  const subject = erased.get(entry.erasedBy ?? -1);
  if (subject === undefined || !peopleNamedBy(entry).includes(subject))
    return 'fields were erased without an erasure of the person it names';
  return null;
}

/** Verifies the whole chain, reading it in pages so memory stays flat. */
export async function verifyAudit(pageSize = 500, expectHead?: ExpectedHead): Promise<AuditVerdict> {
  const breaks: AuditBreak[] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let headSeen = expectHead === undefined;
  const erased = await erasures();
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
        seals: entry.seals as Record<string, string> | undefined,
        redacted: entry.redacted as Record<string, string> | undefined,
      };
      if (entryHash(entry.prevHash, content) !== entry.hash)
        breaks.push({ seq: entry.seq, reason: 'its content does not match its hash' });
      const redaction = redactionProblem(entry as AuditEntryDoc, erased);
      if (redaction) breaks.push({ seq: entry.seq, reason: redaction });
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
