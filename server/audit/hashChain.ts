/** The hash of an audit entry: SHA-256 over the previous hash and the entry's canonical JSON. */
import { createHash } from 'node:crypto';

/** The hash that stands before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

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

/** The content of an entry that its hash covers. */
export interface HashedContent {
  seq: number;
  at: Date;
  actor: unknown;
  action: string;
  target: unknown;
  details: unknown;
}

/** Computes an entry's hash from the previous one. */
export function entryHash(prevHash: string, content: HashedContent): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        seq: content.seq,
        at: content.at,
        actor: content.actor,
        action: content.action,
        target: content.target,
        details: content.details,
      }),
    )
    .digest('hex');
}
