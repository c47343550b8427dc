/**
 * A document's label change and deletion, through the kernel and the policy like every content type:
 * relabel up or down with a justification (moderation/relabelContent.ts: who may, the ceiling, the RED
 * audience, the audit), deletion to a tombstone (its files are then removed, fileHousekeeping.ts), and
 * a moderator's audited release of a file the scanner could not take.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { emitDocumentEvent } from '../../events/contentEvents.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { resolveOpenFlags } from '../content/flagContent.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { applyLabel, requireRelabel } from '../moderation/relabelContent.js';
import { notify } from '../notifications/notify.js';
import { DOCUMENT_KIND } from './documentKind.js';
import { indexDocumentText } from './indexDocumentText.js';

/** Changes the document's label (raise or lower as the policy allows the actor) with a justification. */
export async function relabelDocument(actor: Actor, id: string, to: Label, justification: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  await requireRelabel(ctx, 'Document', item, to);
  const after = await applyLabel(actor, item, to, justification, { action: 'relabel' }, 'Document');
  emitDocumentEvent({ type: 'relabelled', before: item, after });
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify(
      [String(item.authorId)],
      item,
      'document.relabelled',
      `${item.label} → ${to}: ${justification}`,
      'Document',
    );
  return after;
}

/** Deletes the document to a tombstone (the author, or a moderator with a reason). */
export async function deleteDocument(actor: Actor, id: string, reason: string | null) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  if (item.state === 'deleted') throw new NotFoundError('Document');
  await authorizeSharing(ctx, 'delete', 'Document', contentSubject(item));
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  if (!own) await authorizeSharing(ctx, 'moderate', 'Document', contentSubject(item));
  await tombstoneContent(DOCUMENT_KIND, actor, item, {
    reason: reason ?? 'Deleted by its author',
    auditedReason: reason,
    audit: true,
  });
  return { done: true as const };
}

/**
 * Releases an unscannable version (too large for the scanner) as clean, by a moderator's audited
 * decision with a reason; the document's open flags close with it.
 */
export async function releaseVersion(actor: Actor, id: string, n: number, reason: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  await authorizeSharing(ctx, 'moderate', 'Document', contentSubject(item));
  const released = await DocumentVersionModel.updateOne(
    { documentId: item._id, n, status: 'unscannable' },
    { $set: { status: 'clean', releasedById: actor.kind === 'person' ? actor.id : null } },
  );
  if (released.matchedCount === 0)
    throw new ConflictError('Only a version waiting for a decision (unscannable) can be released.', {
      reason: 'state_conflict',
      params: { state: 'unscannable' },
    });
  const newest = item.versionCount === n;
  await DocumentModel.updateOne(
    { _id: item._id, $or: [{ cleanVersion: null }, { cleanVersion: { $lt: n } }] },
    { $set: { cleanVersion: n, ...(newest ? { status: 'clean' } : {}) } },
  );
  await recordAudit(
    actor,
    'document.released',
    { type: 'Document', id, label: item.label },
    { version: n, reason },
  );
  await resolveOpenFlags(DOCUMENT_KIND, item, actor, { action: 'release', reason });
  await indexDocumentText(item._id);
  const after = (await loadContent(id, 'Document')) as DocumentDoc;
  emitDocumentEvent({ type: 'checked', before: item, after });
  return { done: true as const };
}
