/**
 * The hash of an audit entry: SHA-256 over the previous hash and the entry's canonical JSON.
 *
 * Personal fields (a person's name, an address, an e-mail, a provider subject: {@link PERSONAL_PATHS}, named
 * `part:key`, as stored keys may hold no dot)
 * are hashed through a seal: the entry keeps a random nonce per such field (`seals`), and the hash
 * covers `{ sealed: SHA-256(nonce, value) }` in the field's place instead of the value. So the value
 * cannot be changed without breaking the chain, yet it can be erased: erasure replaces the value by
 * null, drops the nonce and keeps the seal itself (`redacted`), and the entry's hash is unchanged.
 * Without the nonce the seal cannot be matched against guessed names. Entries without seals (every
 * entry written before seals, and those with no personal field) hash exactly as before.
 *
 * Entries are chained by one of two algorithms, named per entry (`alg`): `sha256` (no key: every
 * entry written before AUDIT_KEY existed, which keep verifying) and `hmac-sha256` (HMAC under the chain
 * key derived from AUDIT_KEY: auditKey.ts), so a writer without the key cannot compute a valid hash.
 */
import { createHash, createHmac } from 'node:crypto';

/** How an entry is chained: unkeyed (entries from before AUDIT_KEY) or keyed. */
export type ChainAlg = 'sha256' | 'hmac-sha256';

/** The algorithm of every entry written with a key. */
export const KEYED_ALG: ChainAlg = 'hmac-sha256';

/** The hash that stands before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields of an entry that may hold personal data, as `part.key`: sealed when written, erasable
 * later (`part:key`). Person ids stay hashed as they are: once the person is erased their id names no one, and it
 * is the stable pseudonym their remaining material and entries keep.
 */
export const PERSONAL_PATHS = [
  'actor:name',
  'target:label',
  'details:ip',
  'details:email',
  'details:nameId',
] as const;

/** One of {@link PERSONAL_PATHS}. */
export type PersonalPath = (typeof PERSONAL_PATHS)[number];

/**
 * JSON with object keys sorted at every depth, dates as ISO strings, and strings as the database will
 * store them (lone surrogates become U+FFFD), so the hash covers exactly what is kept.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'string') return JSON.stringify(value.toWellFormed());
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if ('_bsontype' in value) return JSON.stringify(String(value));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]): [string, unknown] => [k.toWellFormed(), v])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content of an entry that its hash covers, with the seals of its personal fields. */
export interface HashedContent {
  seq: number;
  at: Date;
  actor: unknown;
  action: string;
  target: unknown;
  details: unknown;
  /** Nonces of the sealed personal fields still present, by path. */
  seals?: Record<string, string> | null | undefined;
  /** Seals of personal fields that were erased (their value is null now), by path. */
  redacted?: Record<string, string> | null | undefined;
  /** The outbox record the entry was appended from (auditOutbox.ts), when it was. */
  outboxId?: string | null | undefined;
}

/** The seal of a personal field: what the hash covers in its place. */
export function sealOf(nonce: string, value: unknown): string {
  return createHash('sha256').update(nonce).update('\n').update(canonicalJson(value)).digest('hex');
}

/** The value at a `part:key` path of an entry's content (undefined when absent). */
export function valueAt(
  content: { actor?: unknown; target?: unknown; details?: unknown },
  path: string,
): unknown {
  const [part, key] = path.split(':') as ['actor' | 'target' | 'details', string];
  const holder = content[part];
  if (holder === null || typeof holder !== 'object') return undefined;
  return (holder as Record<string, unknown>)[key];
}

/** The content as hashed: each sealed or erased personal field replaced by its seal. */
function hashedForm(content: HashedContent): Record<string, unknown> {
  const parts: Record<'actor' | 'target' | 'details', unknown> = {
    actor: content.actor,
    target: content.target,
    details: content.details,
  };
  const replace = (path: string, seal: string) => {
    const [part, key] = path.split(':') as ['actor' | 'target' | 'details', string];
    const holder = parts[part];
    const copy = holder !== null && typeof holder === 'object' ? { ...(holder as object) } : {};
    (copy as Record<string, unknown>)[key] = { sealed: seal };
    parts[part] = copy;
  };
  for (const [path, nonce] of Object.entries(content.seals ?? {}))
    replace(path, sealOf(nonce, valueAt(content, path) ?? null));
  for (const [path, seal] of Object.entries(content.redacted ?? {})) replace(path, seal);
  return {
    seq: content.seq,
    at: content.at,
    actor: parts.actor,
    action: content.action,
    target: parts.target,
    details: parts.details,
    // Absent from entries without one, so those hash exactly as before.
    ...(content.outboxId ? { outboxId: content.outboxId } : {}),
  };
}

/**
 * Computes an entry's hash from the previous one: SHA-256 without a key (`sha256` entries), HMAC-SHA256
 * under the chain key with one (`hmac-sha256` entries).
 */
export function entryHash(prevHash: string, content: HashedContent, chainKey: Buffer | null = null): string {
  const digest = chainKey ? createHmac('sha256', chainKey) : createHash('sha256');
  return digest
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(hashedForm(content)))
    .digest('hex');
}
