/**
 * The identity-provider accounts of people: the pair (provider, subject NameID) names one person.
 * The same e-mail at two providers is two identities and two people.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const personIdentitySchema = new Schema(
  {
    idpId: { type: Schema.Types.ObjectId, required: true },
    subject: { type: String, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    lastSignInAt: { type: Date, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
personIdentitySchema.index({ idpId: 1, subject: 1 }, { unique: true });
personIdentitySchema.index({ personId: 1 });

/** A stored identity. */
export type PersonIdentityDoc = InferSchemaType<typeof personIdentitySchema> & { _id: Types.ObjectId };

/** The person identities collection. */
export const PersonIdentityModel = model('PersonIdentity', personIdentitySchema);
