/**
 * Offers of a request to experts (issue #14, "Matching"): a person of the request's moderators offers
 * it to one or more experts; each accepts or declines, and an offer that runs out passes to the next
 * candidate. The offer keeps the sanitised summary the expert sees before accepting (no city, no text
 * above GREEN), so showing it never reads the request.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { LABELS } from '../../shared/policy/labels.js';
import { EXPERT_FORMATS, EXPERT_TOPICS, URGENCIES } from '../../shared/expertPool.js';
import { OFFER_STATES } from '../../shared/schemas/requests.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const summarySchema = new Schema(
  {
    topics: { type: [{ type: String, enum: EXPERT_TOPICS }], default: [] },
    languages: { type: [String], default: [] },
    region: { type: String, default: null },
    formats: { type: [{ type: String, enum: EXPERT_FORMATS }], default: [] },
    urgency: { type: String, enum: URGENCIES, required: true },
    deadline: { type: Date, default: null },
    label: { type: String, enum: LABELS, required: true },
    title: { type: String, default: null },
  },
  { _id: false },
);

const requestOfferSchema = new Schema(
  {
    requestId: { type: Schema.Types.ObjectId, required: true },
    expertId: { type: Schema.Types.ObjectId, required: true },
    offeredBy: { type: Schema.Types.ObjectId, default: null },
    state: { type: String, enum: OFFER_STATES, required: true },
    expiresAt: { type: Date, required: true },
    /** How long a follow-on offer to the next candidate runs. */
    hours: { type: Number, required: true },
    summary: { type: summarySchema, required: true },
    decidedAt: { type: Date, default: null },
    reason: { type: String, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
requestOfferSchema.index({ requestId: 1, expertId: 1 }, { unique: true });
requestOfferSchema.index({ expertId: 1, _id: -1 });
requestOfferSchema.index({ state: 1, expiresAt: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
requestOfferSchema.plugin(auditOutboxPlugin);

/** A stored offer. */
export type RequestOfferDoc = InferSchemaType<typeof requestOfferSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};

/** The offers collection. */
export const RequestOfferModel = model('RequestOffer', requestOfferSchema);
