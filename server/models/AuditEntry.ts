/**
 * The audit log: append-only, each entry carrying the hash of the one before it (see server/audit/).
 * No code path updates or deletes entries.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    seq: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    target: { type: Schema.Types.Mixed, default: null },
    details: { type: Schema.Types.Mixed, default: null },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { strict: 'throw', minimize: false },
);
auditEntrySchema.index({ seq: 1 }, { unique: true });
auditEntrySchema.index({ action: 1, seq: 1 });
auditEntrySchema.index({ 'target.id': 1, seq: 1 });

/** A stored audit entry. */
export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };

/** The audit collection. */
export const AuditEntryModel = model('AuditEntry', auditEntrySchema);
