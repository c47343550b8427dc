/**
 * Appends to the audit log. Entries are numbered; a unique index on the number makes concurrent
 * writers on several nodes retry instead of forking the chain, without multi-document transactions.
 * Within one process, appends go through a queue, so a burst of requests never races itself.
 */
import type { Actor } from '../../shared/policy/actor.js';
import { AuditEntryModel } from '../models/AuditEntry.js';
import { isDuplicateKey } from '../errors.js';
import { GENESIS_HASH, entryHash } from './hashChain.js';

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

async function append(
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> | null,
): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const last = await AuditEntryModel.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const content = { seq, at: new Date(), actor: actorRecord(actor), action, target, details };
    const hash = entryHash(prevHash, content);
    try {
      await AuditEntryModel.create({ ...content, prevHash, hash });
      anchor({ seq, hash });
      return seq;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another node appended first: back off with jitter, growing, and read the new head.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * Math.min(attempt + 1, 20)));
    }
  }
  throw new Error('audit log: could not append after 50 attempts');
}

/** Appends one entry and returns its sequence number. */
export function recordAudit(
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> | null = null,
): Promise<number> {
  const next = queue.then(() => append(actor, action, target, details));
  queue = next.catch(() => undefined);
  return next;
}
