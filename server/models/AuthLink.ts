/**
 * Single-use, expiring links sent by e-mail: invitations to a local account and password resets.
 * Only a SHA-256 hash of the token is stored; `usedAt` makes the use single (one atomic update).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

/** What a link is for. */
export const AUTH_LINK_PURPOSES = ['invitation', 'reset'] as const;

const authLinkSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    purpose: { type: String, enum: AUTH_LINK_PURPOSES, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
authLinkSchema.index({ tokenHash: 1 }, { unique: true });
authLinkSchema.index({ personId: 1, purpose: 1 });
authLinkSchema.index({ expiresAt: 1 });

/** A stored link. */
export type AuthLinkDoc = InferSchemaType<typeof authLinkSchema> & { _id: Types.ObjectId };

/** The auth links collection. */
export const AuthLinkModel = model('AuthLink', authLinkSchema);
