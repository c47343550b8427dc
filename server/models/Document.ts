/**
 * Documents: labelled files in a space. The policy fields (spaceId, spaceHubId, label, audienceIds,
 * authorId, authorCityId, state, published) are those of every content type, so one policy reads them
 * all; every read of this collection goes through server/policy/contentAccess.ts. The file itself is
 * in the file store (server/files/), one stored file per version (`DocumentVersion`); `status` is the
 * latest version's, and only `clean` versions are ever read back.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';
import { LABELS } from '../../shared/policy/labels.js';
import { CONTENT_STATES } from '../../shared/policy/content.js';
import { FILE_STATUSES } from '../../shared/schemas/documents.js';
import { moderationEventSchema } from './moderationEvent.js';

/** A moderator's hold: the document is kept whatever its retention period says, until it is lifted. */
const retentionHoldSchema = new Schema(
  {
    reason: { type: String, required: true },
    at: { type: Date, required: true },
    byId: { type: String, default: null },
    byName: { type: String, default: null },
  },
  { _id: false },
);

const documentSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    spaceHubId: { type: Schema.Types.ObjectId, default: null },
    label: { type: String, enum: LABELS, required: true },
    /** The RED audience: the space's members when the document was uploaded. */
    audienceIds: { type: [Schema.Types.ObjectId], default: [] },
    authorId: { type: Schema.Types.ObjectId, required: true },
    /** The owner city: the uploader's. */
    authorCityId: { type: Schema.Types.ObjectId, default: null },
    state: { type: String, enum: CONTENT_STATES, required: true },
    published: { type: Boolean, default: false },
    title: { type: String, required: true },
    /** The description (the kernel's `body`). */
    body: { type: String, default: '' },
    language: { type: String, default: null },
    tags: { type: [String], default: [] },
    /** Search tokens of the title, description, tags and the words of the readable file. */
    tokens: { type: [String], default: [] },
    /** The words of the newest clean version's file (files/extractText.ts), for the index only: never shown. */
    fileText: { type: String, default: '' },
    /** The latest version's number and status. */
    versionCount: { type: Number, default: 1 },
    status: { type: String, enum: FILE_STATUSES, required: true },
    /** The newest clean version (what a download gives), null until one is clean. */
    cleanVersion: { type: Number, default: null },
    /** Documents have no parent to hide them; kept for the one live condition of every type. */
    topicHidden: { type: Boolean, default: false },
    moderation: { type: [moderationEventSchema], default: [] },
    /**
     * A copy shared onward from another space (services/documents/shareDocument.ts): the source. Its
     * sharer uploaded the copy but did not write it: the copy leaves in their export only at CLEAR and
     * GREEN, and only moderators lower its label.
     */
    forwardedFrom: {
      type: new Schema(
        {
          documentId: { type: Schema.Types.ObjectId, required: true },
          /** From a Chatham House space: the copy names nobody, not even its sharer. */
          chathamHouse: { type: Boolean, default: false },
        },
        { _id: false },
      ),
      default: null,
    },
    /**
     * Retention by label (services/documents/expireDocuments.ts): set while the document is expiring
     * (its label's period ended at `expiresAt`, the author and moderators were told at `noticeAt`, it is
     * deleted at `purgeAt`), and a moderator's hold, which keeps it from any retention deletion.
     */
    retention: {
      expiresAt: { type: Date, default: null },
      noticeAt: { type: Date, default: null },
      purgeAt: { type: Date, default: null },
      held: { type: retentionHoldSchema, default: null },
    },
  },
  { timestamps: true, strict: 'throw' },
);
documentSchema.index({ spaceId: 1, _id: -1 });
documentSchema.index({ authorId: 1, _id: -1 });
documentSchema.index({ tokens: 1, createdAt: -1, _id: -1 });
// Retention: documents of a label that may be due (by label), those expiring (by purge date), and the
// per-type sweep (content/expireContent.ts, by creation date).
documentSchema.index({ label: 1, state: 1, _id: 1 });
documentSchema.index({ 'retention.purgeAt': 1 });
documentSchema.index({ createdAt: 1, _id: 1 });
// Pending audit entries written with each moderation step (server/audit/auditOutbox.ts).
documentSchema.plugin(auditOutboxPlugin);

/** A stored document. */
export type DocumentDoc = InferSchemaType<typeof documentSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The documents collection. */
export const DocumentModel = model('Document', documentSchema);
