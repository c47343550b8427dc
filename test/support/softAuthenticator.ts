/**
 * A software WebAuthn authenticator for server tests: real ES256 (P-256) keys from node:crypto, a
 * real 'none' attestation (CBOR attestation object with COSE public key) and real assertion
 * signatures over authenticator data and the client data hash, in the JSON shape
 * @simplewebauthn/browser sends. Each hostile case is a parameter (origin, challenge, counter, flags).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type Cbor = number | string | Uint8Array | Cbor[] | Map<number | string, Cbor>;

function head(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(length, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

/** Minimal CBOR encoder: unsigned and negative integers, byte and text strings, arrays, maps. */
export function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([head(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([head(2, value.length), Buffer.from(value)]);
  if (Array.isArray(value)) return Buffer.concat([head(4, value.length), ...value.map(cbor)]);
  const parts: Buffer[] = [head(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer | Uint8Array) => Buffer.from(data).toString('base64url');

/** Authenticator data flags. */
export const FLAGS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

/** One credential held by the software authenticator. */
export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKeyCose: Buffer;
  rpId: string;
  userHandle: string;
  counter: number;
}

/** Options for a registration (the parts of PublicKeyCredentialCreationOptionsJSON used). */
export interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string };
}

/** What may be changed to make a hostile answer. */
export interface Tamper {
  origin?: string;
  challenge?: string;
  rpId?: string;
  /** Flags of the authenticator data (default UP|UV, plus AT at registration). */
  flags?: number;
  /** The counter to report (default: one more than last time; set lower to regress). */
  counter?: number;
  type?: string;
}

function clientData(type: string, challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

/** Makes a new credential and its 'none' attestation for `options`, as the browser would send it. */
export function createCredential(
  options: CreationOptions,
  origin: string,
  tamper: Tamper = {},
): { credential: SoftCredential; response: Record<string, unknown> } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const cose = cbor(
    new Map<number, Cbor>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, Buffer.from(jwk.x!, 'base64url')],
      [-3, Buffer.from(jwk.y!, 'base64url')],
    ]),
  );
  const id = randomBytes(32);
  const rpId = tamper.rpId ?? options.rp.id ?? new URL(origin).hostname;
  const counter = tamper.counter ?? 0;
  const idLength = Buffer.alloc(2);
  idLength.writeUInt16BE(id.length);
  const signCount = Buffer.alloc(4);
  signCount.writeUInt32BE(counter);
  const flags = tamper.flags ?? FLAGS.UP | FLAGS.UV | FLAGS.AT;
  const authData = Buffer.concat([
    sha256(rpId),
    Buffer.from([flags]),
    signCount,
    Buffer.alloc(16),
    idLength,
    id,
    cose,
  ]);
  const attestationObject = cbor(
    new Map<string, Cbor>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]),
  );
  const data = clientData(
    tamper.type ?? 'webauthn.create',
    tamper.challenge ?? options.challenge,
    tamper.origin ?? origin,
  );
  return {
    credential: { id, privateKey, publicKeyCose: cose, rpId, userHandle: options.user.id, counter },
    response: {
      id: b64url(id),
      rawId: b64url(id),
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
      response: {
        clientDataJSON: b64url(data),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
    },
  };
}

/** Signs `challenge` with `credential` (its counter advances unless `tamper.counter` says otherwise). */
export function assert(
  credential: SoftCredential,
  challenge: string,
  origin: string,
  tamper: Tamper = {},
): Record<string, unknown> {
  const counter = tamper.counter ?? credential.counter + 1;
  if (tamper.counter === undefined) credential.counter = counter;
  const signCount = Buffer.alloc(4);
  signCount.writeUInt32BE(counter);
  const flags = tamper.flags ?? FLAGS.UP | FLAGS.UV;
  const authData = Buffer.concat([sha256(tamper.rpId ?? credential.rpId), Buffer.from([flags]), signCount]);
  const data = clientData(
    tamper.type ?? 'webauthn.get',
    tamper.challenge ?? challenge,
    tamper.origin ?? origin,
  );
  const signature = sign('sha256', Buffer.concat([authData, sha256(data)]), credential.privateKey);
  return {
    id: b64url(credential.id),
    rawId: b64url(credential.id),
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: b64url(data),
      authenticatorData: b64url(authData),
      signature: b64url(signature),
      userHandle: credential.userHandle,
    },
  };
}

/** A fresh random challenge, as a server would make. */
export function randomChallenge(): string {
  return b64url(randomBytes(32));
}
