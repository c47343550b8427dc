/**
 * Pseudonymises the audit entries that name an erased person, keeping the chain verifiable: each
 * sealed personal field of those entries (their name as actor or target, an address, an e-mail, a
 * provider subject: hashChain.ts) becomes null and keeps only its seal, which the hash covered in
 * the value's place. Person ids stay: once the person record is gone the id names no one, and it is
 * the same stable pseudonym their remaining material carries ("former member").
 *
 * Entries written before seals existed hashed the name itself; erasing it there would break the
 * chain, so they are left whole and counted (`unsealed`), for the operator to know.
 */
import { AuditEntryModel, type AuditEntryDoc } from '../models/AuditEntry.js';
import { PERSONAL_PATHS, sealOf, valueAt } from './hashChain.js';

/** The action of the entry that records an erasure (its target is the erased person). */
export const ERASURE_ACTION = 'person.erased';

/** What pseudonymisation did. */
export interface PseudonymisedAudit {
  /** Entries whose personal fields were erased. */
  pseudonymised: number;
  /** Entries naming the person with a personal field hashed as it is (written before seals). */
  unsealed: number;
}

/** The people an entry names: its person actor, and its target when that is a person. */
export function peopleNamedBy(entry: { actor?: unknown; target?: unknown }): string[] {
  const actor = entry.actor as { kind?: unknown; id?: unknown } | null;
  const target = entry.target as { type?: unknown; id?: unknown } | null;
  const named: string[] = [];
  if (actor?.kind === 'person' && typeof actor.id === 'string') named.push(actor.id);
  if (target?.type === 'Person' && typeof target.id === 'string') named.push(target.id);
  return named;
}

/** Whether a sealed field of this entry is the erased person's: their name, or a fact of an entry about them. */
function belongsTo(entry: AuditEntryDoc, path: string, personId: string): boolean {
  const actor = entry.actor as { kind?: unknown; id?: unknown };
  const target = entry.target as { type?: unknown; id?: unknown } | null;
  if (path === 'actor:name') return actor.kind === 'person' && actor.id === personId;
  if (path === 'target:label') return target?.type === 'Person' && target.id === personId;
  return true;
}

/** Whether an unsealed entry still shows a personal field of the person (a name hashed as it is). */
function holdsUnsealed(entry: AuditEntryDoc, personId: string): boolean {
  const seals = (entry.seals ?? {}) as Record<string, string>;
  const redacted = (entry.redacted ?? {}) as Record<string, string>;
  return PERSONAL_PATHS.some(
    (path) =>
      !(path in seals) &&
      !(path in redacted) &&
      typeof valueAt(entry, path) === 'string' &&
      belongsTo(entry, path, personId),
  );
}

/**
 * Erases the person's sealed personal fields from every entry that names them, recording the erasure
 * entry (`erasureSeq`) that answers for it. Idempotent: a field already erased is left as it is.
 */
export async function pseudonymiseAudit(personId: string, erasureSeq: number): Promise<PseudonymisedAudit> {
  const entries = (await AuditEntryModel.find({
    $or: [
      { 'actor.kind': 'person', 'actor.id': personId },
      { 'target.type': 'Person', 'target.id': personId },
    ],
  }).lean()) as AuditEntryDoc[];
  const result: PseudonymisedAudit = { pseudonymised: 0, unsealed: 0 };
  for (const entry of entries) {
    if (holdsUnsealed(entry, personId)) result.unsealed += 1;
    const seals: Record<string, string> = {};
    const redacted = { ...((entry.redacted ?? {}) as Record<string, string>) };
    const cleared: Record<string, null> = {};
    for (const [path, nonce] of Object.entries((entry.seals ?? {}) as Record<string, string>)) {
      if (!belongsTo(entry, path, personId)) {
        seals[path] = nonce;
        continue;
      }
      redacted[path] = sealOf(nonce, valueAt(entry, path) ?? null);
      cleared[path.replace(':', '.')] = null;
    }
    if (Object.keys(cleared).length === 0) continue;
    await AuditEntryModel.updateOne(
      { _id: entry._id, seq: entry.seq },
      { $set: { ...cleared, seals, redacted, erasedBy: erasureSeq } },
    );
    result.pseudonymised += 1;
  }
  return result;
}
