/**
 * The development identity provider's key pair: generated at first start (selfsigned, a development
 * dependency, loaded only here) and kept in DATA_DIR so the registered certificate stays valid.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SigningKey } from './samlResponse.js';

/** Loads the key pair from DATA_DIR, making it on first use. */
export async function devIdpKey(dataDir: string): Promise<SigningKey> {
  const dir = path.join(dataDir, 'dev-idp');
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    return { privateKey: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  }
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'Concordia development IdP' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 5 * 365 * 86_400_000),
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  writeFileSync(certFile, pems.cert, { mode: 0o644 });
  return { privateKey: pems.private, cert: pems.cert };
}
