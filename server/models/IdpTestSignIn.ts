/**
 * A test sign-in an admin or focal point started against an identity provider: our AuthnRequest's id
 * (so the ACS recognises the answer as a test, never as a sign-in), who started it, and the outcome
 * the ACS recorded: what the provider sent and what it would make of the person, or why it failed.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const observedAttributeSchema = new Schema(
  { name: { type: String, required: true }, values: { type: [String], default: [] } },
  { _id: false },
);

const idpTestSignInSchema = new Schema(
  {
    _id: { type: String, required: true },
    idpId: { type: Schema.Types.ObjectId, required: true },
    requestId: { type: String, required: true },
    startedBy: { type: String, required: true },
    status: { type: String, enum: ['pending', 'succeeded', 'failed'], required: true },
    reason: { type: String, default: null },
    nameId: { type: String, default: null },
    nameIdFormat: { type: String, default: null },
    attributes: { type: [observedAttributeSchema], default: [] },
    outcome: {
      type: new Schema(
        {
          email: { type: String, default: null },
          name: { type: String, default: null },
          position: { type: String, default: null },
          department: { type: String, default: null },
          groups: { type: [String], default: [] },
          roles: { type: [String], default: [] },
        },
        { _id: false },
      ),
      default: null,
    },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { strict: 'throw', versionKey: false },
);
idpTestSignInSchema.index({ idpId: 1, requestId: 1 }, { unique: true });
idpTestSignInSchema.index({ expiresAt: 1 });

/** A stored test sign-in. */
export type IdpTestSignInDoc = InferSchemaType<typeof idpTestSignInSchema> & { idpId: Types.ObjectId };

/** The test sign-ins collection. */
export const IdpTestSignInModel = model('IdpTestSignIn', idpTestSignInSchema);
