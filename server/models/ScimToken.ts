/**
 * SCIM bearer tokens, per identity provider. Only the SHA-256 of a token is kept (tokens are 256-bit
 * random, so a hash is enough and a database dump reveals nothing usable); `prefix` is the token's
 * first characters, shown in the console to tell tokens apart. A token is shown once, when it is
 * made or rotated; rotation gives the same record a new secret and the old one stops working at once.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const scimTokenSchema = new Schema(
  {
    idpId: { type: Schema.Types.ObjectId, required: true },
    /** The provider's city, copied so every lookup can be checked against it. */
    cityId: { type: Schema.Types.ObjectId, required: true },
    /** Hex SHA-256 of the whole token. */
    hash: { type: String, required: true },
    prefix: { type: String, required: true },
    createdBy: { type: String, required: true },
    rotatedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
scimTokenSchema.index({ hash: 1 }, { unique: true });
scimTokenSchema.index({ idpId: 1, createdAt: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
scimTokenSchema.plugin(auditOutboxPlugin);

/** A stored SCIM token. */
export type ScimTokenDoc = InferSchemaType<typeof scimTokenSchema> & { _id: Types.ObjectId };

/** The SCIM tokens collection. */
export const ScimTokenModel = model('ScimToken', scimTokenSchema);
