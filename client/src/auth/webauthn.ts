/**
 * Security keys and passkeys in the browser (@simplewebauthn/browser): register one, answer the
 * second-factor challenge after the password, or sign in with a passkey alone. Each asks the server
 * for options, lets the browser talk to the authenticator, and sends the answer back with the CSRF
 * token.
 */
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { postWithCsrf } from './csrf.js';

/** What a sign-in step answers. */
export interface LoginAnswer {
  status:
    | 'signed_in'
    | 'second_factor_required'
    | 'second_factor_enrolment_required'
    | 'webauthn_enrolment_required';
  factors?: ('totp' | 'webauthn')[];
}

/** One of my security keys or passkeys. */
export interface WebAuthnKey {
  id: string;
  name: string;
  transports: string[];
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Whether this browser can use security keys and passkeys at all. */
export function webAuthnAvailable(): boolean {
  return browserSupportsWebAuthn();
}

/** Whether an error is the browser's "cancelled or timed out" (the person closed the prompt). */
export function isWebAuthnCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}

/** Registers a new key under `name`; returns it and, with the first second factor, recovery codes. */
export async function registerWebAuthnKey(
  name: string,
): Promise<{ credential: WebAuthnKey; recoveryCodes: string[] | null }> {
  const optionsJSON = await postWithCsrf<PublicKeyCredentialCreationOptionsJSON>(
    '/auth/webauthn/register/options',
  );
  const response = await startRegistration({ optionsJSON });
  return postWithCsrf('/auth/webauthn/register', { response, name });
}

/** The second factor after the password: one of the person's keys. */
export async function answerWebAuthnSecondFactor(): Promise<LoginAnswer> {
  const optionsJSON = await postWithCsrf<PublicKeyCredentialRequestOptionsJSON>(
    '/auth/login/webauthn/options',
  );
  const response = await startAuthentication({ optionsJSON });
  return postWithCsrf<LoginAnswer>('/auth/login/webauthn', { response });
}

/** Signs in with a passkey alone (the authenticator verifies the person). */
export async function signInWithPasskey(): Promise<LoginAnswer> {
  const optionsJSON = await postWithCsrf<PublicKeyCredentialRequestOptionsJSON>('/auth/passkey/options');
  const response = await startAuthentication({ optionsJSON });
  return postWithCsrf<LoginAnswer>('/auth/passkey', { response });
}
