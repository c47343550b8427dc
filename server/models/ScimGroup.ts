/**
 * A SCIM Group of one identity provider. Its members are SCIM users of the same provider; a role rule
 * of the provider whose value is the group's displayName (or externalId) gives that role to them.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const scimGroupSchema = new Schema(
  {
    idpId: { type: Schema.Types.ObjectId, required: true },
    cityId: { type: Schema.Types.ObjectId, required: true },
    displayName: { type: String, required: true },
    /** displayName in lower case: unique per provider, compared without case. */
    displayNameKey: { type: String, required: true },
    externalId: { type: String, default: null },
    /** ScimUser ids. */
    memberIds: { type: [Schema.Types.ObjectId], default: [] },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, strict: 'throw' },
);
scimGroupSchema.index({ idpId: 1, displayNameKey: 1 }, { unique: true });
scimGroupSchema.index({ idpId: 1, memberIds: 1 });
scimGroupSchema.index({ idpId: 1, externalId: 1 });
scimGroupSchema.index({ idpId: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
scimGroupSchema.plugin(auditOutboxPlugin);

/** A stored SCIM group. */
export type ScimGroupDoc = InferSchemaType<typeof scimGroupSchema> & { _id: Types.ObjectId };

/** The SCIM groups collection. */
export const ScimGroupModel = model('ScimGroup', scimGroupSchema);
