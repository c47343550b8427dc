/** Flags on material, the review queue of each hub (spaceHubId null: the network queue). */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { FLAG_REASONS } from '../../shared/schemas/posts.js';

const flagSchema = new Schema(
  {
    postId: { type: Schema.Types.ObjectId, required: true },
    spaceHubId: { type: Schema.Types.ObjectId, default: null },
    flaggedBy: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, enum: FLAG_REASONS, required: true },
    note: { type: String, default: null },
    state: { type: String, enum: ['open', 'resolved'], required: true },
    createdAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
// One open flag per person and item: flagging twice is idempotent.
flagSchema.index({ postId: 1, flaggedBy: 1 }, { unique: true });
flagSchema.index({ spaceHubId: 1, state: 1, createdAt: 1 });

/** A stored flag. */
export type FlagDoc = InferSchemaType<typeof flagSchema> & { _id: Types.ObjectId };

/** The flags collection. */
export const FlagModel = model('Flag', flagSchema);
