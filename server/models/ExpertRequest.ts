/**
 * Expert requests: a city's question to the Expert Pool, the kernel's fourth content type. The policy
 * fields (spaceId, spaceHubId, label, audienceIds, authorId, authorCityId, state, published) are those
 * of every content type; every read goes through server/policy/contentAccess.ts. Each request lives in
 * its own space of kind `expert_request` (its private room), whose explicit members are the requester,
 * their city's focal points and, once they accept, the experts. `status` is the workflow's
 * (shared/policy/requestWorkflow.ts), apart from the moderation `state`.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';
import { REQUEST_STATES } from '../../shared/policy/requestWorkflow.js';
import { EXPERT_FORMATS, EXPERT_TOPICS, URGENCIES } from '../../shared/expertPool.js';
import { labelledContentFields } from './labelledFields.js';

/** One move of the workflow. */
const historySchema = new Schema(
  {
    from: { type: String, enum: REQUEST_STATES, default: null },
    to: { type: String, enum: REQUEST_STATES, required: true },
    at: { type: Date, required: true },
    byId: { type: Schema.Types.ObjectId, default: null },
    note: { type: String, default: null },
  },
  { _id: false },
);

const expertRequestSchema = new Schema(
  {
    ...labelledContentFields,
    title: { type: String, required: true },
    /** The problem (the kernel's `body`). */
    body: { type: String, default: '' },
    context: { type: String, default: '' },
    topics: { type: [{ type: String, enum: EXPERT_TOPICS }], default: [] },
    formats: { type: [{ type: String, enum: EXPERT_FORMATS }], default: [] },
    languages: { type: [String], default: [] },
    urgency: { type: String, enum: URGENCIES, default: 'normal' },
    /** The requester's deadline (a date), and the workflow's due date (the deadline, or set by urgency). */
    deadline: { type: Date, default: null },
    dueAt: { type: Date, default: null },
    status: { type: String, enum: REQUEST_STATES, required: true },
    history: { type: [historySchema], default: [] },
    /** Experts who accepted. */
    expertIds: { type: [Schema.Types.ObjectId], default: [] },
    /** When the reminders went out: two days before the due date, and once it passed. */
    reminded: {
      dueSoonAt: { type: Date, default: null },
      overdueAt: { type: Date, default: null },
    },
    /** The room message of an expert the requester marked as the accepted answer. */
    acceptedAnswer: {
      type: new Schema(
        {
          messageId: { type: Schema.Types.ObjectId, required: true },
          byId: { type: Schema.Types.ObjectId, required: true },
          at: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true, strict: 'throw' },
);
expertRequestSchema.index({ authorCityId: 1, _id: -1 });
expertRequestSchema.index({ spaceHubId: 1, status: 1, _id: -1 });
expertRequestSchema.index({ status: 1, dueAt: 1 });
expertRequestSchema.index({ spaceId: 1 });
expertRequestSchema.index({ authorId: 1, _id: -1 });
expertRequestSchema.index({ label: 1, published: 1, state: 1 });
expertRequestSchema.index({ state: 1, _id: -1 });
expertRequestSchema.index({ expertIds: 1 });
expertRequestSchema.index({ tokens: 1, createdAt: -1, _id: -1 });
expertRequestSchema.index({ createdAt: 1, _id: 1 });
// Pending audit entries written with each moderation step (server/audit/auditOutbox.ts).
expertRequestSchema.plugin(auditOutboxPlugin);

/** A stored request. */
export type ExpertRequestDoc = InferSchemaType<typeof expertRequestSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

/** The expert requests collection. */
export const ExpertRequestModel = model('ExpertRequest', expertRequestSchema);
