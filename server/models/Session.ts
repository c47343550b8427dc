/**
 * Signed-in and pre-sign-in sessions (express-session's store, see server/auth/sessionStore.ts).
 * The session itself is kept as JSON text; the person, the identity provider and the expiry are
 * copied out so that "sign out everywhere", disabling a provider and the sweeper find them by index.
 */
import { Schema, model, type InferSchemaType } from 'mongoose';

const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    personId: { type: String, default: null },
    /** The identity provider slug of a SAML sign-in, so disabling a provider can end its sessions. */
    idp: { type: String, default: null },
    expires: { type: Date, required: true },
    data: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
sessionSchema.index({ personId: 1 });
sessionSchema.index({ idp: 1 });
sessionSchema.index({ expires: 1 });

/** A stored session. */
export type SessionDoc = InferSchemaType<typeof sessionSchema>;

/** The sessions collection. */
export const SessionModel = model('Session', sessionSchema);
