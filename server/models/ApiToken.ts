/** Personal API tokens for tools that call the API; only a SHA-256 hash of each token is stored. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { auditOutboxPlugin } from './auditOutbox.js';

const apiTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    label: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
apiTokenSchema.index({ personId: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
apiTokenSchema.plugin(auditOutboxPlugin);

/** A stored API token. */
export type ApiTokenDoc = InferSchemaType<typeof apiTokenSchema> & { _id: Types.ObjectId };

/** The API tokens collection. */
export const ApiTokenModel = model('ApiToken', apiTokenSchema);
