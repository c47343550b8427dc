/**
 * The audit log: append-only, each entry carrying the hash of the one before it (see server/audit/).
 * No code path deletes entries; the only update is erasure's, which replaces sealed personal fields
 * by null and keeps their seals (server/audit/hashChain.ts), so every hash still verifies. Entries
 * appended from a document's audit outbox carry its id, unique, so a retried append is a no-op.
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
    /** Nonces of the personal fields still present (server/audit/hashChain.ts), by path. */
    seals: { type: Schema.Types.Mixed },
    /** Seals of personal fields erased with their person, by path. */
    redacted: { type: Schema.Types.Mixed },
    /** The `person.erased` entry that erased those fields. */
    erasedBy: { type: Number },
    /** How the entry is chained (server/audit/hashChain.ts); absent: `sha256`, from before AUDIT_KEY. */
    alg: { type: String, enum: ['sha256', 'hmac-sha256'] },
    /** The outbox record it was appended from (server/audit/auditOutbox.ts): appended once only. */
    outboxId: { type: String },
    prevHash: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { strict: 'throw', minimize: false },
);
auditEntrySchema.index({ seq: 1 }, { unique: true });
auditEntrySchema.index({ outboxId: 1 }, { unique: true, sparse: true });
auditEntrySchema.index({ action: 1, seq: 1, _id: 1 });
auditEntrySchema.index({ 'target.id': 1, seq: 1, _id: 1 });
auditEntrySchema.index({ 'actor.id': 1, seq: 1, _id: 1 });

/** A stored audit entry. */
export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };

/** The audit collection. */
export const AuditEntryModel = model('AuditEntry', auditEntrySchema);
