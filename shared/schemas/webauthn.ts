/**
 * WebAuthn (security keys and passkeys) for local accounts: the browser's registration and assertion
 * responses (the JSON of @simplewebauthn/browser), the options the server hands out, a person's
 * credentials, and the overview of their second factors.
 */
import { z } from 'zod';

/** A base64url string (no padding), as WebAuthn's JSON encodings use. */
const Base64Url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/, 'base64url');

/** What the browser says about how an authenticator is reached. */
export const AuthenticatorTransport = z.enum([
  'ble',
  'cable',
  'hybrid',
  'internal',
  'nfc',
  'smart-card',
  'usb',
]);

/** Client extension outputs (e.g. `credProps`); kept small and never stored. */
const ClientExtensionResults = z
  .record(z.string().regex(/^[A-Za-z]{1,40}$/), z.unknown())
  .refine((value) => Object.keys(value).length <= 10, 'at most 10 extensions')
  .refine((value) => JSON.stringify(value).length <= 2000, 'extension results too large');

/** The name a person gives a key ("Office YubiKey", "Laptop passkey"). */
export const WebAuthnCredentialName = z.string().trim().min(1).max(60);

/** What `navigator.credentials.create()` and `.get()` answer, as @simplewebauthn/browser sends it, around its `response`. */
function publicKeyCredential<T extends z.ZodRawShape>(response: T) {
  return z
    .object({
      id: Base64Url(1400).min(16),
      rawId: Base64Url(1400).min(16),
      type: z.literal('public-key'),
      authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
      clientExtensionResults: ClientExtensionResults,
      response: z.object(response).strict(),
    })
    .strict();
}

/** The answer of `navigator.credentials.create()`, as @simplewebauthn/browser sends it. */
export const RegistrationResponse = publicKeyCredential({
  clientDataJSON: Base64Url(4000),
  attestationObject: Base64Url(20000),
  authenticatorData: Base64Url(4000).optional(),
  transports: z.array(AuthenticatorTransport).max(8).optional(),
  publicKeyAlgorithm: z.number().int().optional(),
  publicKey: Base64Url(4000).optional(),
});

/** The answer of `navigator.credentials.get()`, as @simplewebauthn/browser sends it. */
export const AuthenticationResponse = publicKeyCredential({
  clientDataJSON: Base64Url(4000),
  authenticatorData: Base64Url(4000),
  signature: Base64Url(2000),
  userHandle: Base64Url(200).optional(),
});

/** Finish registering a key: the browser's answer and the name to show. */
export const WebAuthnRegistration = z
  .object({ response: RegistrationResponse, name: WebAuthnCredentialName })
  .strict();

/** An assertion: a second factor after the password, or a passkey sign-in. */
export const WebAuthnAssertion = z.object({ response: AuthenticationResponse }).strict();

/** Rename a key. */
export const WebAuthnRename = z.object({ name: WebAuthnCredentialName }).strict();

/** The path of one of my keys. */
export const WebAuthnCredentialParams = z
  .object({ credential: z.string().regex(/^[a-f0-9]{24}$/, 'a 24-character hexadecimal id') })
  .strict();

const CredentialDescriptor = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z.array(z.string()).optional(),
});

/** Options for `navigator.credentials.create()` (PublicKeyCredentialCreationOptionsJSON). */
export const WebAuthnRegistrationOptions = z
  .looseObject({
    challenge: z.string(),
    rp: z.looseObject({ id: z.string().optional(), name: z.string() }),
    user: z.looseObject({ id: z.string(), name: z.string(), displayName: z.string() }),
    pubKeyCredParams: z.array(z.looseObject({ alg: z.number(), type: z.literal('public-key') })),
    timeout: z.number().optional(),
    excludeCredentials: z.array(CredentialDescriptor).optional(),
    authenticatorSelection: z.looseObject({}).optional(),
    attestation: z.string().optional(),
  })
  .meta({ id: 'WebAuthnRegistrationOptions' });

/** Options for `navigator.credentials.get()` (PublicKeyCredentialRequestOptionsJSON). */
export const WebAuthnAuthenticationOptions = z
  .looseObject({
    challenge: z.string(),
    rpId: z.string().optional(),
    timeout: z.number().optional(),
    allowCredentials: z.array(CredentialDescriptor).optional(),
    userVerification: z.string().optional(),
  })
  .meta({ id: 'WebAuthnAuthenticationOptions' });

/** One of my security keys or passkeys. */
export const WebAuthnCredential = z
  .object({
    id: z.string(),
    name: z.string(),
    transports: z.array(z.string()),
    /** A passkey that syncs between devices (multiDevice) or one bound to its key (singleDevice). */
    deviceType: z.enum(['singleDevice', 'multiDevice']),
    backedUp: z.boolean(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WebAuthnCredential' });

/** A key just registered, with recovery codes when they were issued now (shown once). */
export const WebAuthnRegistered = z
  .object({ credential: WebAuthnCredential, recoveryCodes: z.array(z.string()).nullable() })
  .meta({ id: 'WebAuthnRegistered' });

/** My second factors: the authenticator app, my keys, recovery codes left, and what my roles require. */
export const SecondFactors = z
  .object({
    localAccount: z.boolean(),
    totp: z.boolean(),
    webauthn: z.array(WebAuthnCredential),
    recoveryCodesLeft: z.number().int(),
    /** My roles require some second factor. */
    secondFactorRequired: z.boolean(),
    /** My roles require a security key or passkey (REQUIRE_WEBAUTHN_ROLES). */
    webauthnRequired: z.boolean(),
  })
  .meta({ id: 'SecondFactors' });
