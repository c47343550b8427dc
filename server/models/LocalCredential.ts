/**
 * Local accounts (people without a city identity provider): one per person, unique by e-mail.
 * Only an argon2id hash of the password and hashes of the recovery codes are stored.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const localCredentialSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true },
    passwordHash: { type: String, default: null },
    totpSecret: { type: String, default: null },
    totpPendingSecret: { type: String, default: null },
    totpLastTimeStep: { type: Number, default: 0 },
    recoveryCodeHashes: { type: [String], default: [] },
    failedAttempts: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
localCredentialSchema.index({ email: 1 }, { unique: true });
localCredentialSchema.index({ personId: 1 }, { unique: true });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
localCredentialSchema.plugin(auditOutboxPlugin);

/** A stored local credential. */
export type LocalCredentialDoc = InferSchemaType<typeof localCredentialSchema> & { _id: Types.ObjectId };

/** The local credentials collection. */
export const LocalCredentialModel = model('LocalCredential', localCredentialSchema);
