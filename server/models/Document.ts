/**
 * Documents: labelled files in a space. The policy fields (spaceId, spaceHubId, label, audienceIds,
 * authorId, authorCityId, state, published) are those of every content type, so one policy reads them
 * all; every read of this collection goes through server/policy/contentAccess.ts. The file itself is
 * in the file store (server/files/), one stored file per version (`DocumentVersion`); `status` is the
 * latest version's, and only `clean` versions are ever read back.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';
import { CONTENT_STATES } from '../../shared/policy/content.js';
import { FILE_STATUSES } from '../../shared/schemas/documents.js';
import { moderationEventSchema } from './moderationEvent.js';

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
  },
  { timestamps: true, strict: 'throw' },
);
documentSchema.index({ spaceId: 1, _id: -1 });
documentSchema.index({ authorId: 1, _id: -1 });
documentSchema.index({ tokens: 1, createdAt: -1, _id: -1 });

/** A stored document. */
export type DocumentDoc = InferSchemaType<typeof documentSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The documents collection. */
export const DocumentModel = model('Document', documentSchema);
