/**
 * A moderator's hold on a document (issue #13, retention): while it stands, no retention deletes the
 * document, neither its label's period (expireDocuments.ts) nor the per-type RETENTION_DAYS_DOCUMENTS
 * (content/expireContent.ts through the kind's `retentionFilter`). Placing it takes a written reason and
 * ends an expiring state (the sweep marks the document again, with a new notice, once the hold is
 * lifted); both are audited. Who may is the authorizer's `moderate` decision on the document, the one
 * that lets a moderator release a file or delete someone else's document; readers who do not moderate
 * it are refused, everyone else is told it was not found.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';
import { moderatorRecord } from '../moderation/moderationStep.js';

/** The document, once the actor is known to moderate it (not found when deleted). */
async function moderatedDocument(actor: Actor, id: string): Promise<DocumentDoc> {
  const ctx = await loadSharingContext(actor);
  const item = (await loadContentFor(ctx, 'Document', id)) as DocumentDoc;
  if (item.state === 'deleted') throw new NotFoundError('Document');
  await authorizeSharing(ctx, 'moderate', 'Document', contentSubject(item));
  return item;
}

/** Places a hold with `reason` on the document; refused (conflict) when it is held already. */
export async function holdDocument(actor: Actor, id: string, reason: string) {
  const item = await moderatedDocument(actor, id);
  const held = await DocumentModel.updateOne(
    { _id: item._id, state: { $ne: 'deleted' }, 'retention.held': null },
    {
      $set: {
        'retention.held': { reason, at: new Date(), ...moderatorRecord(actor) },
        'retention.expiresAt': null,
        'retention.noticeAt': null,
        'retention.purgeAt': null,
      },
      // Stored with the hold (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'document.held',
          { type: 'Document', id, label: item.label },
          {
            reason,
            expiring: Boolean(item.retention?.purgeAt),
          },
        ),
      ),
    },
  );
  if (held.matchedCount === 0) throw new ConflictError('The document is already held by moderation.');
  await flushAuditOutbox(DocumentModel as never, item._id);
  return { done: true as const };
}

/** Lifts the document's hold; refused (conflict) when it is not held. */
export async function liftDocumentHold(actor: Actor, id: string) {
  const item = await moderatedDocument(actor, id);
  const lifted = await DocumentModel.updateOne(
    { _id: item._id, 'retention.held': { $ne: null } },
    {
      $set: { 'retention.held': null },
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'document.hold_lifted',
          { type: 'Document', id, label: item.label },
          { heldFor: item.retention?.held?.reason ?? null },
        ),
      ),
    },
  );
  if (lifted.matchedCount === 0) throw new ConflictError('The document is not held by moderation.');
  await flushAuditOutbox(DocumentModel as never, item._id);
  return { done: true as const };
}
