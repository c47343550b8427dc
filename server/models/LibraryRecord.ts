/**
 * Good-practice library records (issue #14): the kernel's fifth content type, with the policy fields of
 * every type. A draft lives in a private space (the request's room for a lesson, or its own
 * `library_draft` space) and moves to the library space when published after its two approvals; a
 * CLEAR record is then also `published` for the public pages. `source` (the request, its city) is kept
 * internally and never shown on a public page.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';
import { EXPERT_TOPICS } from '../../shared/expertPool.js';
import { LIBRARY_STAGES, LIBRARY_STATUSES } from '../../shared/schemas/library.js';
import { labelledContentFields } from './labelledFields.js';

/** The structured text of a record in one language. */
const textFields = {
  title: { type: String, required: true },
  summary: { type: String, default: '' },
  problem: { type: String, default: '' },
  approach: { type: String, default: '' },
  actors: { type: String, default: '' },
  resources: { type: String, default: '' },
  results: { type: String, default: '' },
  transferability: { type: String, default: '' },
};

const translationSchema = new Schema(
  {
    ...textFields,
    language: { type: String, required: true },
    origin: { type: String, enum: ['human', 'machine'], required: true },
  },
  { _id: false },
);

const approvalSchema = new Schema(
  {
    as: { type: String, enum: ['focal_point', 'editor'], required: true },
    byId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    note: { type: String, default: null },
  },
  { _id: false },
);

const libraryRecordSchema = new Schema(
  {
    ...labelledContentFields,
    ...textFields,
    /** The summary again as the kernel's `body` (search and notices). */
    body: { type: String, default: '' },
    themes: { type: [{ type: String, enum: EXPERT_TOPICS }], default: [] },
    regions: { type: [String], default: [] },
    translations: { type: [translationSchema], default: [] },
    stage: { type: String, enum: LIBRARY_STAGES, required: true },
    status: { type: String, enum: LIBRARY_STATUSES, default: 'shared' },
    /** Internal provenance: the request a lesson came from, and the city whose focal point approves. */
    source: {
      requestId: { type: Schema.Types.ObjectId, default: null },
      cityId: { type: Schema.Types.ObjectId, default: null },
      /** Chatham House or above GREEN: names, cities and personal data must go. */
      sanitise: { type: Boolean, default: false },
    },
    approvals: { type: [approvalSchema], default: [] },
    publishedAt: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
libraryRecordSchema.index({ stage: 1, _id: -1 });
libraryRecordSchema.index({ themes: 1, stage: 1, _id: -1 });
libraryRecordSchema.index({ label: 1, published: 1, _id: -1 });
libraryRecordSchema.index({ 'source.requestId': 1 });
libraryRecordSchema.index({ spaceId: 1, _id: -1 });
libraryRecordSchema.index({ authorId: 1, _id: -1 });
libraryRecordSchema.index({ tokens: 1, createdAt: -1, _id: -1 });
libraryRecordSchema.index({ createdAt: 1, _id: 1 });
// Pending audit entries written with each moderation step (server/audit/auditOutbox.ts).
libraryRecordSchema.plugin(auditOutboxPlugin);

/** A stored record. */
export type LibraryRecordDoc = InferSchemaType<typeof libraryRecordSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The library records collection. */
export const LibraryRecordModel = model('LibraryRecord', libraryRecordSchema);
