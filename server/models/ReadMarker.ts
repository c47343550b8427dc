/**
 * Read markers: the last message a person has read in a room, one document per (person, room). The
 * marker only moves forward (conditional update on a smaller id; see markRead).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const readMarkerSchema = new Schema(
  {
    personId: { type: Schema.Types.ObjectId, required: true },
    spaceId: { type: Schema.Types.ObjectId, required: true },
    messageId: { type: Schema.Types.ObjectId, required: true },
    updatedAt: { type: Date, required: true },
  },
  { strict: 'throw' },
);
readMarkerSchema.index({ personId: 1, spaceId: 1 }, { unique: true });

/** A stored read marker. */
export type ReadMarkerDoc = InferSchemaType<typeof readMarkerSchema> & { _id: Types.ObjectId };

/** The read markers collection. */
export const ReadMarkerModel = model('ReadMarker', readMarkerSchema);
