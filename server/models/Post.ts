/**
 * Posts in a space. The policy fields (spaceId, spaceHubId, label, audienceIds, authorId, authorCityId,
 * state, published) are the same on every content type, so one policy reads them all. Every read of
 * this collection goes through server/policy/contentAccess.ts.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';
import { LABELS } from '../../shared/policy/labels.js';
import { CONTENT_STATES } from '../../shared/policy/content.js';
import { moderationEventSchema } from './moderationEvent.js';
import { CONTENT_LANGUAGES } from '../../shared/languages.js';

const revisionSchema = new Schema(
  {
    at: { type: Date, required: true },
    byId: { type: Schema.Types.ObjectId, default: null },
    title: { type: String, default: null },
    body: { type: String, required: true },
  },
  { _id: false },
);

const postSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    spaceHubId: { type: Schema.Types.ObjectId, default: null },
    label: { type: String, enum: LABELS, required: true },
    /** The RED audience: the space's members at the moment the item was shared (or raised to RED). */
    audienceIds: { type: [Schema.Types.ObjectId], default: [] },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorCityId: { type: Schema.Types.ObjectId, default: null },
    state: { type: String, enum: CONTENT_STATES, required: true },
    published: { type: Boolean, default: false },
    title: { type: String, required: true },
    body: { type: String, required: true },
    /** The content language (given or detected; null: unknown, indexed in every language). */
    language: { type: String, enum: [...CONTENT_LANGUAGES, null], default: null },
    /** Search tokens of title and body (shared/search/tokens.ts: folded words and stems). */
    tokens: { type: [String], default: [] },
    forwardedFrom: {
      type: new Schema(
        {
          postId: { type: Schema.Types.ObjectId, required: true },
          authorName: { type: String, default: null },
          citySlug: { type: String, default: null },
          /** From a Chatham House space: the copy names nobody, not even its sharer. */
          chathamHouse: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    moderation: { type: [moderationEventSchema], default: [] },
    /** Documents of the same space attached when it was written (content/attachments.ts); absent when none. */
    attachmentIds: { type: [Schema.Types.ObjectId], default: undefined },
    /** Forums: the category of a topic (and of its replies); null for plain posts. */
    categoryId: { type: Schema.Types.ObjectId, default: null },
    /** Forums: null for a topic or plain post, the topic's id for a reply. */
    topicId: { type: Schema.Types.ObjectId, default: null },
    pinned: { type: Boolean, default: false },
    locked: { type: Boolean, default: false },
    /**
     * Forums: true on a reply while its topic is quarantined (set and cleared with the topic), so the
     * readable filter hides the reply in the query itself (no join on FerretDB).
     */
    topicHidden: { type: Boolean, default: false },
    /** Forums: the last activity readers of the topic may see (replies only some may read do not count). */
    lastActivityAt: { type: Date, default: null },
    /** Forums: ascending sort key of a category's topics, pinned first then latest activity (see forumOrder). */
    forumOrder: { type: String, default: null },
    /** The body rendered to sanitised HTML (server/text/renderMarkdown.ts); null for plain posts. */
    html: { type: String, default: null },
    /** Earlier versions of the text, oldest first: for the author and moderators. */
    revisions: { type: [revisionSchema], default: [] },
  },
  { timestamps: true, strict: 'throw' },
);
postSchema.index({ spaceId: 1, createdAt: 1, _id: 1 });
// Search: $in on tokens, newest first (MongoDB merges the sorted ranges of each key: a bounded top-k).
postSchema.index({ tokens: 1, createdAt: -1, _id: -1 });
postSchema.index({ authorId: 1, _id: 1 });
postSchema.index({ createdAt: 1, _id: 1 });
postSchema.index({ label: 1, published: 1, state: 1, _id: 1 });
postSchema.index({ categoryId: 1, topicId: 1, forumOrder: 1, _id: 1 });
postSchema.index({ topicId: 1, _id: 1 });
// Pending audit entries written with each moderation step (server/audit/auditOutbox.ts).
postSchema.plugin(auditOutboxPlugin);

/** A stored post. */
export type PostDoc = InferSchemaType<typeof postSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The posts collection. */
export const PostModel = model('Post', postSchema);
