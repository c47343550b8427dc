/** The API of the security settings: my second factors, my keys (rename, remove), new recovery codes. */
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import type { WebAuthnKey } from '../../auth/webauthn.js';

/** My second factors. */
export interface SecondFactors {
  localAccount: boolean;
  totp: boolean;
  webauthn: WebAuthnKey[];
  recoveryCodesLeft: number;
  secondFactorRequired: boolean;
  webauthnRequired: boolean;
}

/** Where my second factors are read. */
export const SECOND_FACTORS_PATH = '/auth/second-factors';

/** Renames one of my keys. */
export const renameKey = (id: string, name: string) =>
  sendWithCsrf<WebAuthnKey>('PATCH', `/auth/webauthn/credentials/${encodeURIComponent(id)}`, { name });

/** Removes one of my keys. */
export const removeKey = (id: string) =>
  sendWithCsrf<{ ok: true }>('DELETE', `/auth/webauthn/credentials/${encodeURIComponent(id)}`);

/** New recovery codes (the old ones stop working). */
export const newRecoveryCodes = () => postWithCsrf<{ recoveryCodes: string[] }>('/auth/recovery-codes');
