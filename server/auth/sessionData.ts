/** What a session holds (express-session's SessionData, extended once for the whole server). */
import 'express-session';

/** How a person signed in. */
export type SignInMethod = 'saml' | 'local';

declare module 'express-session' {
  interface SessionData {
    /** The signed-in person; absent before sign-in. */
    personId?: string;
    /** When the person signed in (ms since epoch), for the absolute time-out. */
    signedInAt?: number;
    method?: SignInMethod;
    /** SAML sign-ins: the provider slug, NameID and session index, for single logout. */
    saml?: { idp: string; nameId: string; nameIdFormat: string | null; sessionIndex: string | null };
    /** The synchronizer token every state-changing cookie request must echo in X-CSRF-Token. */
    csrfToken?: string;
    /** A local sign-in that passed the password and waits for the second factor. */
    pendingSecondFactor?: {
      personId: string;
      at: number;
      enrol: boolean;
      /** What must be enrolled: any second factor, or a WebAuthn credential (REQUIRE_WEBAUTHN_ROLES). */
      enrolKind?: 'any' | 'webauthn';
    };
    /** The WebAuthn challenge waiting for its answer (server/auth/local/webauthnChallenge.ts). */
    webauthnChallenge?: {
      challenge: string;
      purpose: 'register' | 'second_factor' | 'passkey';
      personId: string | null;
      at: number;
    };
  }
}
