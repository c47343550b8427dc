/**
 * Room messages. The policy fields (spaceId, spaceHubId, label, audienceIds, authorId, authorCityId,
 * state, published) are those of every content type, so one policy reads them all; every read of this
 * collection goes through server/policy/contentAccess.ts. `(authorId, clientId)` is unique: a retried
 * send stores nothing new. Reactions live in their own collection (FerretDB has no nested arrays).
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';
import { LABELS } from '../../shared/policy/labels.js';
import { CONTENT_STATES } from '../../shared/policy/content.js';
import { moderationEventSchema } from './moderationEvent.js';

/** A former body, kept for moderators when the author edits. */
const editSchema = new Schema(
  { at: { type: Date, required: true }, body: { type: String, required: true } },
  { _id: false },
);

const messageSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    spaceHubId: { type: Schema.Types.ObjectId, default: null },
    label: { type: String, enum: LABELS, required: true },
    /** The RED audience: the room's members at the moment the message was sent. */
    audienceIds: { type: [Schema.Types.ObjectId], default: [] },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorCityId: { type: Schema.Types.ObjectId, default: null },
    /** The author's name when sent, shown inside the room only (Chatham House: never outside). */
    authorName: { type: String, required: true },
    state: { type: String, enum: CONTENT_STATES, required: true },
    published: { type: Boolean, default: false },
    /** The id the sending client chose: the idempotency key with authorId. */
    clientId: { type: String, required: true },
    /** The thread's first message (in the same room) when this is a reply. */
    threadId: { type: Schema.Types.ObjectId, default: null },
    /** Markdown source. */
    body: { type: String, required: true },
    /** Sanitised HTML rendered from the body when written. */
    html: { type: String, required: true },
    /** The body's content language (given or detected; null: unknown, indexed in every language). */
    language: { type: String, default: null },
    /** Search tokens of the body (shared/search/tokens.ts: folded words and stems). */
    tokens: { type: [String], default: [] },
    /** How many replies were ever sent to this thread (a hint only: counts shown are per reader). */
    replyCount: { type: Number, default: 0 },
    /** Hidden with its thread's first message (quarantined or deleted): replies follow their root. */
    topicHidden: { type: Boolean, default: false },
    editedAt: { type: Date, default: null },
    edits: { type: [editSchema], default: [] },
    moderation: { type: [moderationEventSchema], default: [] },
    /** Documents of the same space attached when it was written (content/attachments.ts); absent when none. */
    attachmentIds: { type: [Schema.Types.ObjectId], default: undefined },
  },
  { timestamps: true, strict: 'throw' },
);
messageSchema.index({ authorId: 1, clientId: 1 }, { unique: true });
messageSchema.index({ spaceId: 1, _id: 1 });
messageSchema.index({ authorId: 1, _id: 1 });
messageSchema.index({ label: 1, published: 1, state: 1 });
messageSchema.index({ createdAt: 1, _id: 1 });
messageSchema.index({ threadId: 1, _id: 1 });
// The messages that carry a document, refreshed on open screens when it changes (sparse: few do).
messageSchema.index({ attachmentIds: 1 }, { sparse: true });
// Search: $in on tokens, newest first (as on posts).
messageSchema.index({ tokens: 1, createdAt: -1, _id: -1 });
// Pending audit entries written with each moderation step (server/audit/auditOutbox.ts).
messageSchema.plugin(auditOutboxPlugin);

/** A stored message. */
export type MessageDoc = InferSchemaType<typeof messageSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The messages collection. */
export const MessageModel = model('Message', messageSchema);
