/** Regional hubs. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const LocalizedName = {
  en: { type: String, required: true },
  fr: String,
  ar: String,
  es: String,
};

const hubSchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: LocalizedName, required: true, _id: false },
    coordinatorIds: { type: [Schema.Types.ObjectId], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
hubSchema.index({ slug: 1 }, { unique: true });
hubSchema.index({ coordinatorIds: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
hubSchema.plugin(auditOutboxPlugin);

/** A stored hub. */
export type HubDoc = InferSchemaType<typeof hubSchema> & { _id: Types.ObjectId };

/** The hubs collection. */
export const HubModel = model('Hub', hubSchema);
