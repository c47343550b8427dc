/**
 * The audit outbox: how a change and its audit entry become durable together without multi-document
 * transactions. The service writes the change and `auditOutboxPush(...)` in one single-document update
 * (or creates the document with `auditOutbox: [item]`); then `flushAuditOutbox` appends each pending
 * item to the chain and removes it from the document. Appending is idempotent (the entry carries the
 * item's id under a unique index, recordAudit.ts), so a crash anywhere in between is repaired by running
 * the processor again: `sweepAuditOutbox` does, at start and every minute (ops/auditOutboxJob.ts).
 */
import { randomUUID } from 'node:crypto';
import mongoose, { Types, type Model } from 'mongoose';
import type { Actor } from '../../shared/policy/actor.js';
import { AUDIT_OUTBOX_PATH, type AuditOutboxItem } from '../models/auditOutbox.js';
import { actorRecord, appendAuditRecord, type AuditTarget } from './recordAudit.js';
import { reached } from './crashPoints.js';

/** A pending audit entry for a change about to be written. */
export function auditOutboxItem(
  actor: Actor,
  action: string,
  target: AuditTarget | null,
  details: Record<string, unknown> | null = null,
): AuditOutboxItem {
  return { id: randomUUID(), at: new Date(), actor: actorRecord(actor), action, target, details };
}

/** The update operator that adds pending entries to a document, to merge into the change's update. */
export function auditOutboxPush(...items: AuditOutboxItem[]): { $push: Record<string, unknown> } {
  return { $push: { [AUDIT_OUTBOX_PATH]: items.length === 1 ? items[0] : { $each: items } } };
}

/**
 * Appends the document's pending entries to the chain, oldest first, removing each once appended;
 * returns their sequence numbers. Safe to run again, or at the same time elsewhere. Read and removed
 * through the driver, as stored: FerretDB's `$pull` matches an embedded document only as a whole.
 */
export async function processAuditOutbox(model: Model<never>, id: unknown): Promise<number[]> {
  reached('outbox.written');
  const _id = typeof id === 'string' ? new Types.ObjectId(id) : id;
  const doc = await model.collection.findOne({ _id } as never, { projection: { [AUDIT_OUTBOX_PATH]: 1 } });
  const items = ((doc?.[AUDIT_OUTBOX_PATH] as AuditOutboxItem[] | undefined) ?? []).filter(
    (item) => typeof item?.id === 'string',
  );
  const seqs: number[] = [];
  for (const item of items) {
    const seq = await appendAuditRecord({
      actor: item.actor,
      action: item.action,
      target: item.target,
      details: item.details,
      at: item.at,
      outboxId: item.id,
    });
    reached('outbox.appended');
    await model.collection.updateOne({ _id } as never, { $pull: { [AUDIT_OUTBOX_PATH]: item } } as never);
    reached('outbox.removed');
    // The empty field goes too (unless an item was added meanwhile), so documents keep their shape.
    await model.collection.updateOne(
      { _id, [AUDIT_OUTBOX_PATH]: { $size: 0 } } as never,
      { $unset: { [AUDIT_OUTBOX_PATH]: '' } } as never,
    );
    seqs.push(seq);
  }
  return seqs;
}

/**
 * The fast path, right after the change: appends its entries now. A failure is not the change's (it is
 * stored with its entries): they stay in the outbox for the sweep, so the caller is answered anyway.
 */
export async function flushAuditOutbox(model: Model<never>, id: unknown): Promise<void> {
  await processAuditOutbox(model, id).catch(() => undefined);
}

/** The models whose schema has an outbox (auditOutboxPlugin). */
export function outboxModels(): Model<never>[] {
  return mongoose
    .modelNames()
    .map((name) => mongoose.model(name) as unknown as Model<never>)
    .filter((m) => m.schema.path(AUDIT_OUTBOX_PATH) !== undefined);
}

/** Processes every document left with pending entries (after a crash or a failed fast path); returns how many entries. */
export async function sweepAuditOutbox(batch = 200): Promise<number> {
  let appended = 0;
  for (const model of outboxModels()) {
    let after: unknown = null;
    for (;;) {
      const filter = {
        'auditOutbox.id': { $exists: true },
        ...(after === null ? {} : { _id: { $gt: after } }),
      };
      const docs = (await model
        .find(filter as never, { _id: 1 })
        .sort({ _id: 1 })
        .limit(batch)
        .lean()) as {
        _id: unknown;
      }[];
      for (const doc of docs) appended += (await processAuditOutbox(model, doc._id)).length;
      if (docs.length < batch) break;
      after = docs[docs.length - 1]?._id ?? null;
    }
  }
  return appended;
}
