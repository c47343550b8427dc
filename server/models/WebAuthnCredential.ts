/**
 * WebAuthn credentials (security keys and passkeys) of local accounts: the credential id the
 * authenticator chose (base64url, unique across everyone), its COSE public key (not a secret), the
 * signature counter last seen (to notice a cloned key), and what the person calls it.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const webAuthnCredentialSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    credentialId: { type: String, required: true },
    /** The COSE public key, base64url. */
    publicKey: { type: String, required: true },
    counter: { type: Number, required: true, default: 0 },
    transports: { type: [String], default: [] },
    name: { type: String, required: true },
    deviceType: { type: String, enum: ['singleDevice', 'multiDevice'], required: true },
    backedUp: { type: Boolean, required: true, default: false },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
webAuthnCredentialSchema.index({ credentialId: 1 }, { unique: true });
webAuthnCredentialSchema.index({ personId: 1, createdAt: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
webAuthnCredentialSchema.plugin(auditOutboxPlugin);

/** A stored WebAuthn credential. */
export type WebAuthnCredentialDoc = InferSchemaType<typeof webAuthnCredentialSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

/** The WebAuthn credentials collection. */
export const WebAuthnCredentialModel = model('WebAuthnCredential', webAuthnCredentialSchema);
