/**
 * Walks the audit chain in order and reports every entry whose number, link or hash is wrong. After
 * a break it goes on from the stored hash, so one broken entry cannot hide edits further along.
 * Keyed entries (`hmac-sha256`) are checked under the audit key; an unkeyed entry after a keyed one is
 * a break (a writer without the key downgrading the tail). Deleting entries from the end leaves a valid
 * shorter chain; the anchors written outside the database (anchors.ts) catch that, and any rewrite
 * below an anchored head: each anchor must be signed by the key and match the entry it names. A head
 * pinned by hand (`expectHead`, from the server log) is checked the same way. Erased personal fields
 * (hashChain.ts) verify through their seals; each must be empty and answered for by a `person.erased`
 * entry about the person the entry names.
 */
import { AuditEntryModel, type AuditEntryDoc } from '../models/AuditEntry.js';
import { ERASURE_ACTION, peopleNamedBy } from './pseudonymiseAudit.js';
import { GENESIS_HASH, KEYED_ALG, entryHash, valueAt } from './hashChain.js';
import { auditKeys, type AuditKeys } from './auditKey.js';
import { anchorSignatureValid, type Anchor, type UnreadableAnchor } from './anchors.js';

/** One problem found in the chain. */
export interface AuditBreak {
  seq: number;
  reason: string;
}

/** The outcome of a verification. */
export type AuditVerdict =
  | { ok: true; entries: number; anchors?: number }
  | { ok: false; entries: number; anchors?: number; brokenSeq: number; reason: string; breaks: AuditBreak[] };

/** What to check the chain with besides itself. */
export interface VerifyOptions {
  /** The audit keys (default: this process's, auditKey.ts). */
  keys?: AuditKeys | null;
  /** Anchors read from outside the database (anchors.ts), and the lines of their file that were not anchors. */
  anchors?: { anchors: Anchor[]; unreadable: UnreadableAnchor[] };
}

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

/** The anchors by the seq they name, after dropping (as breaks) those not signed by the key. */
function anchorsBySeq(
  options: VerifyOptions,
  keys: AuditKeys | null,
  breaks: AuditBreak[],
): Map<number, Anchor[]> {
  const bySeq = new Map<number, Anchor[]>();
  if (!options.anchors) return bySeq;
  for (const bad of options.anchors.unreadable)
    breaks.push({ seq: 0, reason: `anchor line ${bad.line} is ${bad.reason}` });
  for (const anchor of options.anchors.anchors) {
    if (!keys) {
      breaks.push({ seq: anchor.seq, reason: 'its anchor cannot be checked: no AUDIT_KEY is set' });
      continue;
    }
    if (anchor.key !== keys.id || !anchorSignatureValid(keys, anchor)) {
      breaks.push({
        seq: anchor.seq,
        reason:
          anchor.key !== keys.id
            ? `its anchor was signed by another key (${anchor.key})`
            : 'its anchor is not signed by AUDIT_KEY (forged or altered)',
      });
      continue;
    }
    bySeq.set(anchor.seq, [...(bySeq.get(anchor.seq) ?? []), anchor]);
  }
  return bySeq;
}

/** Verifies the whole chain, reading it in pages so memory stays flat. */
export async function verifyAudit(
  pageSize = 500,
  expectHead?: ExpectedHead,
  options: VerifyOptions = {},
): Promise<AuditVerdict> {
  const breaks: AuditBreak[] = [];
  const keys = options.keys === undefined ? auditKeys() : options.keys;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let headSeen = expectHead === undefined;
  let keyedSeen = false;
  let keylessReported = false;
  const erased = await erasures();
  const anchored = anchorsBySeq(options, keys, breaks);
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
        outboxId: entry.outboxId,
      };
      const keyed = entry.alg === KEYED_ALG;
      if (keyed) keyedSeen = true;
      else if (keyedSeen)
        breaks.push({
          seq: entry.seq,
          reason: 'it is unkeyed after keyed entries (written without AUDIT_KEY)',
        });
      if (keyed && !keys) {
        if (!keylessReported)
          breaks.push({ seq: entry.seq, reason: 'it is keyed and no AUDIT_KEY is set to check it' });
        keylessReported = true;
      } else if (entryHash(entry.prevHash, content, keyed ? (keys?.chain ?? null) : null) !== entry.hash)
        breaks.push({ seq: entry.seq, reason: 'its content does not match its hash' });
      for (const anchor of anchored.get(entry.seq) ?? [])
        if (anchor.hash !== entry.hash)
          breaks.push({
            seq: entry.seq,
            reason: `it is not the head anchored outside the database at ${anchor.at}`,
          });
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
  const highestAnchored = Math.max(0, ...anchored.keys());
  for (let missing = entries + 1; missing <= highestAnchored && breaks.length < MAX_BREAKS; missing++)
    breaks.push({
      seq: missing,
      reason: 'this entry is missing: the chain ends before a head anchored outside the database',
    });
  const counted = options.anchors ? { anchors: options.anchors.anchors.length } : {};
  breaks.sort((a, b) => a.seq - b.seq);
  const first = breaks[0];
  if (!first) return { ok: true, entries, ...counted };
  return { ok: false, entries, ...counted, brokenSeq: first.seq, reason: first.reason, breaks };
}
