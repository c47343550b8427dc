/**
 * A SCIM User: what a provider's directory says about one person of its city. The person it provisions
 * is a Person (name, e-mail, position, organisation, status) with a PersonIdentity (provider, subject =
 * userName), so the same person signs in through SAML when the NameID is the userName. One per
 * (provider, userName, case-insensitive) and per (provider, person).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const scimUserSchema = new Schema(
  {
    idpId: { type: Schema.Types.ObjectId, required: true },
    cityId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    userName: { type: String, required: true },
    /** userName in lower case: userName is unique and compared without case (RFC 7643 §4.1.1). */
    userNameKey: { type: String, required: true },
    externalId: { type: String, default: null },
    /** Null when the directory left it unassigned (the person is then as the rest of the platform left them). */
    active: { type: Boolean, default: null },
    /** Whether this record's `active: false` suspended the person (so `active: true` may lift it). */
    suspendedPerson: { type: Boolean, default: false },
    /** The other attributes as checked by server/scim/resources.ts (names, e-mails, enterprise). */
    attributes: { type: Schema.Types.Mixed, default: () => ({}) },
    version: { type: Number, default: 0 },
  },
  { timestamps: true, strict: 'throw', minimize: false },
);
scimUserSchema.index({ idpId: 1, userNameKey: 1 }, { unique: true });
scimUserSchema.index({ idpId: 1, personId: 1 }, { unique: true });
scimUserSchema.index({ idpId: 1, externalId: 1 });
scimUserSchema.index({ idpId: 1, _id: 1 });
scimUserSchema.index({ personId: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
scimUserSchema.plugin(auditOutboxPlugin);

/** A stored SCIM user. */
export type ScimUserDoc = InferSchemaType<typeof scimUserSchema> & { _id: Types.ObjectId };

/** The SCIM users collection. */
export const ScimUserModel = model('ScimUser', scimUserSchema);
