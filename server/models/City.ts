/** Cities and their membership lifecycle. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CITY_KINDS, CITY_STATUSES } from '../../shared/schemas/cities.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const pledgeSchema = new Schema(
  {
    version: { type: String, required: true },
    pledgedBy: { type: String, required: true },
    pledgedAt: { type: Date, required: true },
  },
  { _id: false },
);

const citySchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: CITY_KINDS, required: true },
    country: { type: String, required: true },
    hubId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: CITY_STATUSES, required: true },
    iscSeat: { type: Boolean, default: false },
    pledge: { type: pledgeSchema, default: null },
    memberSince: { type: Date, default: null },
    /** When the city last changed status (null: not since it was created or first became a member). */
    statusChangedAt: { type: Date, default: null },
    focalPointIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
citySchema.index({ slug: 1 }, { unique: true });
citySchema.index({ status: 1, name: 1, _id: 1 });
citySchema.index({ hubId: 1, status: 1, name: 1 });
citySchema.index({ country: 1, status: 1, name: 1 });
// Pending audit entries written with each change (server/audit/auditOutbox.ts).
citySchema.plugin(auditOutboxPlugin);

/** A stored city. */
export type CityDoc = InferSchemaType<typeof citySchema> & { _id: Types.ObjectId };

/** The cities collection. */
export const CityModel = model('City', citySchema);
