/** Forum categories of a hub or network space: slug unique per space, ordered by position. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const forumCategorySchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    slug: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    position: { type: Number, required: true },
    /** Ascending sort key: position then slug, so pages are stable (see categoryOrder). */
    order: { type: String, required: true },
    createdBy: { type: String, required: true },
  },
  { timestamps: true, strict: 'throw' },
);
forumCategorySchema.index({ spaceId: 1, slug: 1 }, { unique: true });
forumCategorySchema.index({ spaceId: 1, order: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
forumCategorySchema.plugin(auditOutboxPlugin);

/** A stored forum category. */
export type ForumCategoryDoc = InferSchemaType<typeof forumCategorySchema> & { _id: Types.ObjectId };

/** The forum categories collection. */
export const ForumCategoryModel = model('ForumCategory', forumCategorySchema);
