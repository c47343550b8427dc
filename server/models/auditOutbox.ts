/**
 * The audit outbox of a document (a Mongoose schema plugin): the audit entries its last changes still
 * owe the chain. A service writes the change and its pending entry in the same single-document update,
 * so both are durable together without a transaction; server/audit/auditOutbox.ts then appends each to
 * the chain (idempotently, by its `id`) and removes it, and the field with its last item, so it is
 * present only while entries are pending (presenters pick their fields and never show it).
 */
import { Schema } from 'mongoose';

/** One pending audit entry, as the service recorded it with its change. */
export interface AuditOutboxItem {
  /** Unique; the chain entry appended from it carries it as `outboxId`. */
  id: string;
  at: Date;
  actor: Record<string, unknown>;
  action: string;
  target: { type: string; id?: string; label?: string } | null;
  details: Record<string, unknown> | null;
}

const outboxItemSchema = new Schema(
  {
    id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: Schema.Types.Mixed, required: true },
    action: { type: String, required: true },
    target: { type: Schema.Types.Mixed, default: null },
    details: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false, strict: 'throw', minimize: false },
);

/** The path the plugin adds. */
export const AUDIT_OUTBOX_PATH = 'auditOutbox';

/** Adds `auditOutbox` (and the index the sweep reads it by) to a schema. */
export function auditOutboxPlugin(schema: Schema): void {
  // Not `select: false`: Mongoose would then project every findOneAndUpdate, which FerretDB refuses.
  schema.add({ [AUDIT_OUTBOX_PATH]: { type: [outboxItemSchema], default: undefined } });
  schema.index({ 'auditOutbox.id': 1 }, { sparse: true });
}
