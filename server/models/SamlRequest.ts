/**
 * AuthnRequest ids we issued, so that any node can check a response's InResponseTo (node-saml's
 * cacheProvider, server/auth/saml/requestCache.ts). Removed when answered; expired ones are swept.
 */
import { Schema, model, type InferSchemaType } from 'mongoose';

const samlRequestSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
samlRequestSchema.index({ expiresAt: 1 });

/** A stored request id. */
export type SamlRequestDoc = InferSchemaType<typeof samlRequestSchema>;

/** The issued SAML requests collection. */
export const SamlRequestModel = model('SamlRequest', samlRequestSchema);
