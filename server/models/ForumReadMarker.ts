/**
 * Per person per topic read markers: the newest reply read. Markers only move forward (a conditional
 * update), so two tabs marking at once never move one back.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const forumReadMarkerSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    topicId: { type: Schema.Types.ObjectId, required: true },
    /** The newest reply read; the topic's own id when read before any reply. */
    lastReadId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { strict: 'throw' },
);
forumReadMarkerSchema.index({ personId: 1, topicId: 1 }, { unique: true });

/** A stored read marker. */
export type ForumReadMarkerDoc = InferSchemaType<typeof forumReadMarkerSchema> & { _id: Types.ObjectId };

/** The forum read markers collection. */
export const ForumReadMarkerModel = model('ForumReadMarker', forumReadMarkerSchema);
