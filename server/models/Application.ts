/** Membership applications from the public form, with the admin's decision (and an approval's progress). */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { CITY_KINDS } from '../../shared/schemas/cities.js';
import { APPLICATION_STATUSES } from '../../shared/schemas/applications.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const applicationSchema = new Schema(
  {
    status: { type: String, enum: APPLICATION_STATUSES, required: true },
    city: {
      type: new Schema(
        {
          name: { type: String, required: true },
          kind: { type: String, enum: CITY_KINDS, required: true },
          country: { type: String, required: true },
          hub: { type: String, default: null },
        },
        { _id: false },
      ),
      required: true,
    },
    contact: {
      type: new Schema(
        {
          name: { type: String, required: true },
          email: { type: String, required: true },
          position: { type: String, required: true },
        },
        { _id: false },
      ),
      required: true,
    },
    pledge: {
      type: new Schema(
        { version: { type: String, required: true }, pledgedAt: { type: Date, required: true } },
        { _id: false },
      ),
      required: true,
    },
    message: { type: String, default: null },
    submittedAt: { type: Date, required: true },
    decision: {
      type: new Schema(
        {
          by: { type: String, required: true },
          at: { type: Date, required: true },
          reason: { type: String, default: null },
          citySlug: { type: String, default: null },
          /**
           * An approval's intent, recorded with the claim so a crash midway can be resumed
           * (services/applications/completeApproval.ts): the hub, the ids the city and the invited
           * contact are created under, who decided (for the audit entry), and when every step was done.
           */
          hub: { type: String },
          cityId: { type: Schema.Types.ObjectId },
          contactId: { type: Schema.Types.ObjectId },
          actor: { type: Schema.Types.Mixed },
          completedAt: { type: Date },
        },
        { _id: false },
      ),
      default: null,
    },
  },
  { strict: 'throw' },
);
applicationSchema.index({ status: 1, _id: 1 });
// Pending audit entries written with each change (server/audit/auditOutbox.ts).
applicationSchema.plugin(auditOutboxPlugin);

/** A stored application. */
export type ApplicationDoc = InferSchemaType<typeof applicationSchema> & { _id: Types.ObjectId };

/** The applications collection. */
export const ApplicationModel = model('Application', applicationSchema);
