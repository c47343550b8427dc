/** TOTP second factor (otplib, RFC 6238: 30 s steps, 6 digits) and single-use recovery codes (stored hashed). */
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** A new TOTP secret (base32). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI for authenticator apps. */
export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Concordia', label: account, secret });
}

/**
 * Checks a code (one step of tolerance either side) and refuses a time step already used, so a
 * code cannot be replayed. Returns the accepted time step, or null.
 */
export async function checkTotp(secret: string, code: string, lastTimeStep: number): Promise<number | null> {
  const result = await verify({ secret, token: code, epochTolerance: 30, afterTimeStep: lastTimeStep }).catch(
    () => null,
  );
  if (!result?.valid || !('timeStep' in result)) return null;
  return result.timeStep;
}

/** Hash of a recovery code (high-entropy random codes, so a fast hash suffices). */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase()).digest('hex');
}

/** Ten fresh recovery codes such as `k3f9-2m8d-x7qp`. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}
