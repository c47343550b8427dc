/**
 * Appends to the audit log. Entries are numbered; a unique index on the number makes concurrent
 * writers on several nodes retry instead of forking the chain, without multi-document transactions.
 * Within one process, appends go through a queue, so a burst of requests never races itself. With an
 * audit key set (auditKey.ts) each entry is chained with HMAC under it and marked `alg: hmac-sha256`.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../shared/policy/actor.js';
import { AuditEntryModel } from '../models/AuditEntry.js';
import { isDuplicateKey } from '../errors.js';
import { auditKeys } from './auditKey.js';
import { GENESIS_HASH, KEYED_ALG, PERSONAL_PATHS, entryHash, valueAt } from './hashChain.js';

/** What an entry is about. */
export interface AuditTarget {
  type: string;
  id?: string;
  label?: string;
}

/** Called after each append with the new head, so it can be kept outside the database (logs). */
export type AuditAnchor = (head: { seq: number; hash: string }) => void;

let anchor: AuditAnchor = () => undefined;
let queue: Promise<unknown> = Promise.resolve();

/** Sets where each new chain head is reported (main.ts logs it; an operator can pin it in `audit verify`). */
export function setAuditAnchor(report: AuditAnchor): void {
  anchor = report;
}

/** How an actor is written into the log. */
export function actorRecord(actor: Actor): Record<string, string> {
  if (actor.kind === 'person') return { kind: 'person', id: actor.id, name: actor.name };
  if (actor.kind === 'operator') return { kind: 'operator', name: actor.name };
  return { kind: 'anonymous' };
}

/**
 * A fresh nonce for each personal field the entry holds (a person's name as actor or target, an
 * address, an e-mail, a provider subject), so erasure can remove the value and keep the chain whole
 * (hashChain.ts). Null when there is none: such entries hash as they always did.
 */
export function sealsFor(content: {
  actor: unknown;
  target: unknown;
  details: unknown;
}): Record<string, string> | null {
  const seals: Record<string, string> = {};
  for (const path of PERSONAL_PATHS) {
    const value = valueAt(content, path);
    if (typeof value !== 'string' || value === '') continue;
    if (path === 'actor:name' && (content.actor as { kind?: unknown }).kind !== 'person') continue;
    if (path === 'target:label' && (content.target as { type?: unknown }).type !== 'Person') continue;
    seals[path] = randomBytes(16).toString('hex');
  }
  return Object.keys(seals).length > 0 ? seals : null;
}

/** An entry to append: what the actor did to what, and when (the outbox keeps the time of the change). */
export interface AuditRecord {
  actor: Record<string, unknown>;
  action: string;
  target: AuditTarget | null;
  details: Record<string, unknown> | null;
  at?: Date;
  /** The outbox record this entry answers for (auditOutbox.ts): a second append of it is a no-op. */
  outboxId?: string;
}

/** The seq of the entry already appended from this outbox record, if any. */
async function appendedFrom(outboxId: string | undefined): Promise<number | null> {
  if (!outboxId) return null;
  const found = await AuditEntryModel.findOne({ outboxId }, { seq: 1 }).lean();
  return found?.seq ?? null;
}

async function append(record: AuditRecord): Promise<number> {
  const keys = auditKeys();
  for (let attempt = 0; attempt < 50; attempt++) {
    const already = await appendedFrom(record.outboxId);
    if (already !== null) return already;
    const last = await AuditEntryModel.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const base = {
      seq,
      at: record.at ?? new Date(),
      actor: record.actor,
      action: record.action,
      target: record.target,
      details: record.details,
    };
    const seals = sealsFor(base);
    const content = {
      ...base,
      ...(seals ? { seals } : {}),
      ...(record.outboxId ? { outboxId: record.outboxId } : {}),
    };
    const hash = entryHash(prevHash, content, keys?.chain ?? null);
    try {
      await AuditEntryModel.create({ ...content, ...(keys ? { alg: KEYED_ALG } : {}), prevHash, hash });
      anchor({ seq, hash });
      return seq;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another node appended first (or appended this outbox record: the next turn returns its seq):
      // back off with jitter, growing, and read the new head.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(attempt + 1, 20)));
    }
  }
  throw new Error('audit log: could not append after 50 attempts');
}

/**
 * Appends one prepared entry and returns its sequence number; an entry from an outbox record already
 * appended is not appended again (its number is returned).
 */
export function appendAuditRecord(record: AuditRecord): Promise<number> {
  const next = queue.then(() => append(record));
  queue = next.catch(() => undefined);
  return next;
}

/** Appends one entry and returns its sequence number. */
export function recordAudit(
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> | null = null,
): Promise<number> {
  return appendAuditRecord({ actor: actorRecord(actor), action, target, details });
}
