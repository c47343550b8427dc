/**
 * Reactions on room messages, one document per (message, person, emoji): adding twice is a no-op by
 * the unique index. The space is copied so a room's reactions can be cleaned up with it.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const reactionSchema = new Schema(
  {
    messageId: { type: Schema.Types.ObjectId, required: true },
    spaceId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    emoji: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw' },
);
reactionSchema.index({ messageId: 1, personId: 1, emoji: 1 }, { unique: true });

/** A stored reaction. */
export type ReactionDoc = InferSchemaType<typeof reactionSchema> & { _id: Types.ObjectId };

/** The reactions collection. */
export const ReactionModel = model('Reaction', reactionSchema);
