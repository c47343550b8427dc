/**
 * Appends to the audit log. Entries are numbered; a unique index on the number makes concurrent
 * writers (several nodes) retry instead of forking the chain, without multi-document transactions.
 */
import type { Actor } from '../../shared/policy/actor.js';
import { AuditEntryModel } from '../models/AuditEntry.js';
import { isDuplicateKey } from '../services/errors.js';
import { GENESIS_HASH, entryHash } from './hashChain.js';

/** What an entry is about. */
export interface AuditTarget {
  type: string;
  id?: string;
  label?: string;
}

/** How an actor is written into the log. */
export function actorRecord(actor: Actor): Record<string, string> {
  if (actor.kind === 'person') return { kind: 'person', id: actor.id, name: actor.name };
  if (actor.kind === 'operator') return { kind: 'operator', name: actor.name };
  return { kind: 'anonymous' };
}

/** Appends one entry and returns its sequence number. */
export async function recordAudit(
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> | null = null,
): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const last = await AuditEntryModel.findOne({}, { seq: 1, hash: 1 }).sort({ seq: -1 }).lean();
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const content = { seq, at: new Date(), actor: actorRecord(actor), action, target, details };
    try {
      await AuditEntryModel.create({ ...content, prevHash, hash: entryHash(prevHash, content) });
      return seq;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * (attempt + 1)));
    }
  }
  throw new Error('audit log: could not append after 20 attempts');
}
