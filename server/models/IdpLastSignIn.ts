/**
 * What an identity provider actually sent at its last validated sign-in (a real one or a test),
 * one document per provider, overwritten each time: attribute names and values, capped, so a focal
 * point can map them to e-mail, name and roles without reading XML. Nothing older is kept.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const observedAttributeSchema = new Schema(
  { name: { type: String, required: true }, values: { type: [String], default: [] } },
  { _id: false },
);

const idpLastSignInSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    test: { type: Boolean, required: true },
    nameIdFormat: { type: String, default: null },
    attributes: { type: [observedAttributeSchema], default: [] },
  },
  { strict: 'throw', versionKey: false },
);

/** The last sign-in of one provider (`_id` is the provider's id). */
export type IdpLastSignInDoc = InferSchemaType<typeof idpLastSignInSchema> & { _id: Types.ObjectId };

/** The last sign-ins collection. */
export const IdpLastSignInModel = model('IdpLastSignIn', idpLastSignInSchema);
