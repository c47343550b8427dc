/**
 * The moderation history entry every labelled content type keeps (quarantine, restore, relabel,
 * move, delete): who, when, why, and the labels before and after where the label changed.
 */
import { Schema } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';

/** One entry of an item's `moderation` array. */
export const moderationEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    byId: { type: String, default: null },
    byName: { type: String, default: null },
    reason: { type: String, required: true },
    from: { type: String, enum: LABELS, default: null },
    to: { type: String, enum: LABELS, default: null },
  },
  { _id: false },
);
