/**
 * Our own SAML key pairs (the service provider's, one set per deployment, shared by every city's
 * provider): `signing` signs AuthnRequests and logout messages, `encryption` decrypts encrypted
 * assertions. Each is `current`, `next` (published beside the current during a rollover) or `retired`
 * (no longer published or used). `slot` makes "one current and at most one next per use" a unique
 * index (`signing:current`, `signing:next`, ...; a retired key's slot is `retired:<id>`). The private
 * key is sealed (server/secrets/sealedSecrets.ts, context `sp-key:<id>`), never stored in clear.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

/** What a key is for. */
export const SP_KEY_USES = ['signing', 'encryption'] as const;
/** Where a key is in its life. */
export const SP_KEY_STATES = ['current', 'next', 'retired'] as const;

const serviceProviderKeySchema = new Schema(
  {
    use: { type: String, enum: SP_KEY_USES, required: true },
    state: { type: String, enum: SP_KEY_STATES, required: true },
    slot: { type: String, required: true },
    certificate: { type: String, required: true },
    /** Sealed PKCS#8 PEM (`sealed:v1:...`). */
    privateKey: { type: String, required: true },
    promotedAt: { type: Date, default: null },
    retiredAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
serviceProviderKeySchema.index({ slot: 1 }, { unique: true });
serviceProviderKeySchema.index({ use: 1, state: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
serviceProviderKeySchema.plugin(auditOutboxPlugin);

/** A stored SP key pair. */
export type ServiceProviderKeyDoc = InferSchemaType<typeof serviceProviderKeySchema> & {
  _id: Types.ObjectId;
};

/** The SP key pairs collection. */
export const ServiceProviderKeyModel = model('ServiceProviderKey', serviceProviderKeySchema);
