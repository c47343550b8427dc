/**
 * Anchors: the chain's head, signed under the anchor key derived from AUDIT_KEY (auditKey.ts) and
 * appended as one JSON line to a file outside the database (AUDIT_ANCHOR_FILE). An anchor proves that
 * the chain reached `seq` with `hash` at `at`: whoever rewrites, reorders or cuts the chain in the
 * database cannot make it match an earlier anchor, nor sign a new one without the key. `audit verify`
 * checks every anchor (verifyAudit.ts). Written periodically and at shutdown (ops/auditAnchorJob.ts).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AuditEntryModel } from '../models/AuditEntry.js';
import type { AuditKeys } from './auditKey.js';
import { canonicalJson } from './hashChain.js';

/** One signed head, as written on its line. */
export interface Anchor {
  seq: number;
  hash: string;
  at: string;
  /** The fingerprint of the key that signed it. */
  key: string;
  mac: string;
}

/** An anchor line that could not be read as an anchor, by line number (from 1). */
export interface UnreadableAnchor {
  line: number;
  reason: string;
}

function macOf(keys: AuditKeys, head: Omit<Anchor, 'mac'>): string {
  return createHmac('sha256', keys.anchor)
    .update(canonicalJson({ seq: head.seq, hash: head.hash, at: head.at, key: head.key }))
    .digest('hex');
}

/** Signs a head. */
export function signAnchor(keys: AuditKeys, head: { seq: number; hash: string }, at = new Date()): Anchor {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString(), key: keys.id };
  return { ...unsigned, mac: macOf(keys, unsigned) };
}

/** Whether the anchor was signed by these keys and is unaltered. */
export function anchorSignatureValid(keys: AuditKeys, anchor: Anchor): boolean {
  const expected = Buffer.from(macOf(keys, anchor), 'hex');
  const given = Buffer.from(anchor.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The chain's current head, or null when it is empty. */
export async function chainHead(): Promise<{ seq: number; hash: string } | null> {
  const last = await AuditEntryModel.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
  return last ? { seq: last.seq, hash: last.hash } : null;
}

/** Appends a signed anchor of the current head to `file` and returns it (null: the chain is empty). */
export async function writeAnchor(keys: AuditKeys, file: string): Promise<Anchor | null> {
  const head = await chainHead();
  if (!head) return null;
  const anchor = signAnchor(keys, head);
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600, flag: 'a' });
  return anchor;
}

function asAnchor(value: unknown): Anchor | null {
  if (value === null || typeof value !== 'object') return null;
  const a = value as Record<string, unknown>;
  const ok =
    Number.isSafeInteger(a.seq) &&
    (a.seq as number) > 0 &&
    typeof a.hash === 'string' &&
    /^[a-f0-9]{64}$/.test(a.hash) &&
    typeof a.at === 'string' &&
    typeof a.key === 'string' &&
    typeof a.mac === 'string' &&
    /^[a-f0-9]{64}$/.test(a.mac);
  return ok
    ? {
        seq: a.seq as number,
        hash: a.hash as string,
        at: a.at as string,
        key: a.key as string,
        mac: a.mac as string,
      }
    : null;
}

/** Reads an anchor file: its anchors and the lines that are not anchors. A missing file has none. */
export async function readAnchors(
  file: string,
): Promise<{ anchors: Anchor[]; unreadable: UnreadableAnchor[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { anchors: [], unreadable: [] };
    throw error;
  }
  const anchors: Anchor[] = [];
  const unreadable: UnreadableAnchor[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // A crash while appending can leave a last partial line; any other is reported too.
      unreadable.push({ line: index + 1, reason: 'not JSON' });
      return;
    }
    const anchor = asAnchor(parsed);
    if (anchor) anchors.push(anchor);
    else unreadable.push({ line: index + 1, reason: 'not an anchor' });
  });
  return { anchors, unreadable };
}
