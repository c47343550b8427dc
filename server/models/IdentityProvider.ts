/**
 * A city's SAML identity provider. It belongs to exactly one city: everyone it signs in belongs to
 * that city. Several signing certificates may be active at once (rollover).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../../shared/roles.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const roleRuleSchema = new Schema(
  {
    value: { type: String, required: true },
    role: { type: String, enum: ROLES, required: true },
  },
  { _id: false },
);

const attributeMapSchema = new Schema(
  {
    email: { type: String, default: null },
    name: { type: String, default: null },
    position: { type: String, default: null },
    department: { type: String, default: null },
    groups: { type: String, default: null },
  },
  { _id: false },
);

const identityProviderSchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    cityId: { type: Schema.Types.ObjectId, required: true },
    entityId: { type: String, required: true },
    ssoUrl: { type: String, required: true },
    sloUrl: { type: String, default: null },
    certificates: { type: [String], required: true },
    status: { type: String, enum: ['active', 'disabled'], required: true },
    allowUnsolicited: { type: Boolean, default: false },
    /** A legacy IdP that still signs with SHA-1: accepted, shown to admins as a warning, audited at each use. */
    allowSha1: { type: Boolean, default: false },
    attributeMap: { type: attributeMapSchema, default: () => ({}) },
    roleRules: { type: [roleRuleSchema], default: [] },
    defaultRoles: { type: [{ type: String, enum: ROLES }], default: ['practitioner'] },
    allowPrivilegedRoles: { type: Boolean, default: false },
  },
  { timestamps: true, strict: 'throw' },
);
identityProviderSchema.index({ slug: 1 }, { unique: true });
identityProviderSchema.index({ cityId: 1, slug: 1 });
// Pending audit entries written with each change (server/audit/auditOutbox.ts).
identityProviderSchema.plugin(auditOutboxPlugin);

/** A stored identity provider. */
export type IdentityProviderDoc = InferSchemaType<typeof identityProviderSchema> & { _id: Types.ObjectId };

/** The identity providers collection. */
export const IdentityProviderModel = model('IdentityProvider', identityProviderSchema);
