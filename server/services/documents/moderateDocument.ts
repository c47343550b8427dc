/**
 * A document's label change and deletion, through the kernel and the policy like every content type:
 * relabel up or down with a justification (moderation/relabelContent.ts: who may, the ceiling, the RED
 * audience, the audit), deletion to a tombstone (its files are then removed, fileHousekeeping.ts), and
 * a moderator's audited release of a file the scanner could not take.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { emitDocumentEvent } from '../../events/contentEvents.js';
import { ConflictError } from '../../errors.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { resolveOpenFlags } from '../content/flagContent.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';
import { deleteByKind, relabelByKind } from '../content/moderateByKind.js';
import { DOCUMENT_KIND } from './documentKind.js';
import { indexDocumentText } from './indexDocumentText.js';

/** Changes the document's label (raise or lower as the policy allows the actor) with a justification. */
export function relabelDocument(actor: Actor, id: string, to: Label, justification: string) {
  return relabelByKind(
    DOCUMENT_KIND,
    {
      notice: 'document.relabelled',
      announce: (before, after) => emitDocumentEvent({ type: 'relabelled', before, after }),
    },
    actor,
    id,
    to,
    justification,
  );
}

/** Deletes the document to a tombstone (the author, or a moderator with a reason). */
export function deleteDocument(actor: Actor, id: string, reason: string | null) {
  return deleteByKind(DOCUMENT_KIND, actor, id, reason);
}

/**
 * Releases an unscannable version (too large for the scanner) as clean, by a moderator's audited
 * decision with a reason; the document's open flags close with it.
 */
export async function releaseVersion(actor: Actor, id: string, n: number, reason: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  await authorizeSharing(ctx, 'moderate', 'Document', contentSubject(item));
  // The version's release is the decision: it carries the entry (server/audit/auditOutbox.ts).
  const released = await DocumentVersionModel.updateOne(
    { documentId: item._id, n, status: 'unscannable' },
    {
      $set: { status: 'clean', releasedById: actor.kind === 'person' ? actor.id : null },
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'document.released',
          { type: 'Document', id, label: item.label },
          { version: n, reason },
        ),
      ),
    },
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
  const version = await DocumentVersionModel.findOne({ documentId: item._id, n }, { _id: 1 }).lean();
  if (version) await flushAuditOutbox(DocumentVersionModel as never, version._id);
  await resolveOpenFlags(DOCUMENT_KIND, item, actor, { action: 'release', reason });
  await indexDocumentText(item._id);
  const after = (await loadContent(id, 'Document')) as DocumentDoc;
  emitDocumentEvent({ type: 'checked', before: item, after });
  return { done: true as const };
}
