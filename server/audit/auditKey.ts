/**
 * The audit key of this process (AUDIT_KEY, or in development a secret kept in the data dir), set once
 * at start by the server, the operator CLI and the test app. Two keys are derived from it, one per use
 * (HKDF-SHA256): the chain key, under which each new entry is chained with HMAC-SHA256 (hashChain.ts),
 * and the anchor key, which signs the heads written outside the database (anchors.ts). A database
 * writer without the key can neither forge an entry nor rewrite one. Without a key set (a bare script),
 * entries are chained unkeyed, as they were before keys existed, and keyed entries cannot be verified.
 */
import { createHmac, hkdfSync } from 'node:crypto';

/** The keys derived from AUDIT_KEY. */
export interface AuditKeys {
  /** Chains entries (HMAC-SHA256). */
  chain: Buffer;
  /** Signs anchors (HMAC-SHA256). */
  anchor: Buffer;
  /** A short public fingerprint of the key, kept in each anchor to tell which key signed it. */
  id: string;
}

let current: AuditKeys | null = null;

function derive(secret: string, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'concordia audit', info, 32));
}

/** The keys derived from an AUDIT_KEY value. */
export function deriveAuditKeys(secret: string): AuditKeys {
  const chain = derive(secret, 'chain');
  return {
    chain,
    anchor: derive(secret, 'anchor'),
    id: createHmac('sha256', derive(secret, 'id')).update('key id').digest('hex').slice(0, 16),
  };
}

/** Sets this process's audit key (null: none, entries are chained unkeyed). */
export function configureAuditKey(secret: string | null): void {
  current = secret ? deriveAuditKeys(secret) : null;
}

/** This process's audit keys, or null when none is set. */
export function auditKeys(): AuditKeys | null {
  return current;
}
