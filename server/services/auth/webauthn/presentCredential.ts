/** The outward shape of a stored WebAuthn credential (never its public key or counter). */
import type { z } from 'zod';
import type { WebAuthnCredential } from '../../../../shared/schemas/webauthn.js';
import type { WebAuthnCredentialDoc } from '../../../models/WebAuthnCredential.js';

/** A credential as its owner sees it. */
export function presentCredential(doc: WebAuthnCredentialDoc): z.infer<typeof WebAuthnCredential> {
  return {
    id: String(doc._id),
    name: doc.name,
    transports: doc.transports,
    deviceType: doc.deviceType,
    backedUp: doc.backedUp,
    createdAt: doc.createdAt.toISOString(),
    lastUsedAt: doc.lastUsedAt ? doc.lastUsedAt.toISOString() : null,
  };
}
