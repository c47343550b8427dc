/** Spaces: where material lives, with a ceiling, a default label and the Chatham House flag. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';
import { SPACE_KINDS } from '../../shared/policy/spaces.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const spaceSchema = new Schema(
  {
    slug: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    kind: { type: String, enum: SPACE_KINDS, required: true },
    hubId: { type: Schema.Types.ObjectId, default: null },
    cityId: { type: Schema.Types.ObjectId, default: null },
    ceiling: { type: String, enum: LABELS, required: true },
    defaultLabel: { type: String, enum: LABELS, required: true },
    chathamHouse: { type: Boolean, default: false },
    leadersOnly: { type: Boolean, default: false },
    createdBy: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
spaceSchema.index({ slug: 1 }, { unique: true });
spaceSchema.index({ kind: 1, hubId: 1 });
spaceSchema.index({ kind: 1, cityId: 1 });
spaceSchema.index({ hubId: 1, slug: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
spaceSchema.plugin(auditOutboxPlugin);

/** A stored space. */
export type SpaceDoc = InferSchemaType<typeof spaceSchema> & { _id: Types.ObjectId };

/** The spaces collection. */
export const SpaceModel = model('Space', spaceSchema);
