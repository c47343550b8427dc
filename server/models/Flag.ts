/**
 * Flags on labelled material of any content type, the review queue of each hub (spaceHubId null: the
 * network queue). `postId` holds the flagged item's id whatever its type (flags began with posts; the
 * name is kept so the unique index of existing databases stays right); `itemType` says which.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { FLAG_REASONS } from '../../shared/schemas/posts.js';
import { FLAG_STATES } from '../../shared/schemas/moderation.js';
import { CONTENT_TYPES } from '../../shared/policy/content.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const flagSchema = new Schema(
  {
    itemType: { type: String, enum: CONTENT_TYPES, default: 'Post' },
    postId: { type: Schema.Types.ObjectId, required: true },
    spaceHubId: { type: Schema.Types.ObjectId, default: null },
    flaggedBy: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, enum: FLAG_REASONS, required: true },
    note: { type: String, default: null },
    state: { type: String, enum: FLAG_STATES, required: true },
    createdAt: { type: Date, required: true },
    resolvedAt: { type: Date, default: null },
    /** What closed the flag (`quarantine`, `delete`, `relabel`, `move`, `dismiss`), by whom and why. */
    resolution: { type: String, default: null },
    resolvedById: { type: String, default: null },
    resolvedByName: { type: String, default: null },
    resolutionReason: { type: String, default: null },
  },
  { strict: 'throw' },
);
// One flag per person and item: flagging twice is idempotent.
flagSchema.index({ postId: 1, flaggedBy: 1 }, { unique: true });
flagSchema.index({ spaceHubId: 1, state: 1, createdAt: 1 });
flagSchema.index({ spaceHubId: 1, state: 1, _id: 1 });
flagSchema.index({ state: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
flagSchema.plugin(auditOutboxPlugin);

/** A stored flag. */
export type FlagDoc = InferSchemaType<typeof flagSchema> & { _id: Types.ObjectId };

/** The flags collection. */
export const FlagModel = model('Flag', flagSchema);
