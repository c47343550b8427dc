/**
 * Secrets at rest, by envelope encryption: each secret gets its own random data key (AES-256-GCM, the
 * secret's context as associated data, so a sealed value copied to another place does not open), and
 * that data key is wrapped by a key-encryption key from DATA_ENCRYPTION_KEY, named by its id. A
 * database dump alone therefore reveals no secret. Rotation needs no downtime: the keyring holds the
 * new key first and the old beside it, every node opens both, and `rewrapSealed` re-wraps the data
 * keys under the new one without touching the secrets themselves.
 *
 * Format: `sealed:v1:<key id>:<iv1>.<wrapped data key>:<iv2>.<ciphertext>` (base64url; each
 * ciphertext ends with its 16-byte GCM tag).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One key-encryption key and its id. */
export interface DataKey {
  id: string;
  key: Buffer;
}

const PREFIX = 'sealed:v1:';
const TAG_BYTES = 16;

let keyring: readonly DataKey[] = [];

/** Sets the keyring (the first key seals; every key opens). Called once at start-up with the config's keys. */
export function configureDataKeys(keys: readonly DataKey[]): void {
  if (keys.length === 0 || keys.some((k) => k.key.length !== 32))
    throw new Error('DATA_ENCRYPTION_KEY: at least one 32-byte key is needed');
  keyring = keys;
}

/** Raised when a sealed value cannot be opened: tampered, moved to another context, or its key is gone. */
export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

function currentKey(): DataKey {
  const key = keyring[0];
  if (!key) throw new SealedSecretError('no data encryption key is configured');
  return key;
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

function decrypt(key: Buffer, part: string, aad: string): Buffer {
  const [iv, body] = part.split('.');
  if (!iv || !body) throw new SealedSecretError('malformed sealed value');
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length < TAG_BYTES) throw new SealedSecretError('malformed sealed value');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedSecretError('sealed value does not open: tampered, moved, or sealed under another key');
  }
}

/** The associated data of a wrapped data key: its key id, so a wrap cannot be relabelled. */
const wrapAad = (keyId: string) => `concordia:data-key:${keyId}`;

interface SealedParts {
  keyId: string;
  wrapped: string;
  body: string;
}

function parse(sealed: string): SealedParts {
  if (!sealed.startsWith(PREFIX)) throw new SealedSecretError('not a sealed value');
  const [keyId, wrapped, body, ...rest] = sealed.slice(PREFIX.length).split(':');
  if (!keyId || !wrapped || !body || rest.length > 0) throw new SealedSecretError('malformed sealed value');
  return { keyId, wrapped, body };
}

function keyNamed(keyId: string): DataKey {
  const key = keyring.find((k) => k.id === keyId);
  if (!key) throw new SealedSecretError(`sealed under key "${keyId}", which is not in DATA_ENCRYPTION_KEY`);
  return key;
}

/** Seals a secret; `context` binds it to its place (e.g. `totp:<credentialId>`, `sp-key:<keyId>`). */
export function sealSecret(plaintext: string, context: string): string {
  const kek = currentKey();
  const dataKey = randomBytes(32);
  const body = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), context);
  const wrapped = encrypt(kek.key, dataKey, wrapAad(kek.id));
  dataKey.fill(0);
  return `${PREFIX}${kek.id}:${wrapped}:${body}`;
}

/** Opens a sealed secret; throws {@link SealedSecretError} if tampered, moved to another context, or its key is unknown. */
export function openSecret(sealed: string, context: string): string {
  const { keyId, wrapped, body } = parse(sealed);
  const dataKey = decrypt(keyNamed(keyId).key, wrapped, wrapAad(keyId));
  try {
    return decrypt(dataKey, body, context).toString('utf8');
  } finally {
    dataKey.fill(0);
  }
}

/** Whether a stored value is sealed. */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

/** The id of the key a sealed value is wrapped under. */
export function sealedKeyId(sealed: string): string {
  return parse(sealed).keyId;
}

/**
 * The same secret with its data key wrapped under the current key (unchanged if it already is): what
 * rotation does to each stored secret. Needs neither the secret's context nor its plaintext.
 */
export function rewrapSealed(sealed: string): string {
  const { keyId, wrapped, body } = parse(sealed);
  const kek = currentKey();
  if (keyId === kek.id) return sealed;
  const dataKey = decrypt(keyNamed(keyId).key, wrapped, wrapAad(keyId));
  try {
    return `${PREFIX}${kek.id}:${encrypt(kek.key, dataKey, wrapAad(kek.id))}:${body}`;
  } finally {
    dataKey.fill(0);
  }
}
