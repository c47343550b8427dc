/**
 * Quarantine, restore and deletion with a tombstone, for every content type (SHARING.md,
 * "Moderation"). Each is one conditional update from the state read, so a concurrent change is
 * refused (or, for deletion, found done), never overwritten. What follows is the same for every type:
 * the items under it follow, open flags are resolved, the action is audited with its reason, the
 * people concerned are told (never the content), and the change is published for the processors.
 * The audit entry is written with the change itself (the audit outbox, server/audit/auditOutbox.ts).
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { loadContent, type ContentDocs } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import {
  auditActionOf,
  moderationUpdate,
  moderatorRecord,
  type ModerationStep,
} from '../moderation/moderationStep.js';
import { notify, notifyModeration } from '../notifications/notify.js';
import type { ContentKind } from './contentKind.js';
import { resolveOpenFlags } from './flagContent.js';
import { contentSubject, loadContentFor } from './loadContentFor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';

/** An item before and after a moderation step, and the moderator's loaded context. */
export interface Moderated<D> {
  ctx: SharingContext;
  before: D;
  after: D;
}

/**
 * Quarantines (visible → quarantined) or restores (quarantined → visible) the item, when the policy
 * lets the actor (`quarantine`, or `moderate` to restore); its dependents are hidden or shown with it.
 */
export async function changeContentState<T extends ContentType>(
  kind: ContentKind<T>,
  actor: Actor,
  id: string,
  reason: string,
  step: ModerationStep,
): Promise<Moderated<ContentDocs[T]>> {
  const ctx = await loadSharingContext(actor);
  const before = await loadContentFor(ctx, kind.type, id);
  const action = step.action === 'quarantine' ? 'quarantine' : 'moderate';
  await authorizeSharing(ctx, action, kind.type, contentSubject(before));
  const audit = auditOutboxItem(
    actor,
    auditActionOf(step),
    { type: kind.type, id, label: before.label },
    { reason },
  );
  const [filter, update] = moderationUpdate(before._id, actor, reason, step);
  const result = await kind.model.updateOne(
    filter as never,
    { ...update, $push: { ...(update.$push as object), auditOutbox: audit } } as never,
  );
  if (result.matchedCount === 0)
    throw new ConflictError(`The ${kind.noun} is not ${step.from}.`, {
      reason: 'state_conflict',
      params: { state: step.from },
    });
  const after = await loadContent(id, kind.type);
  if (!after) throw new NotFoundError(kind.type);
  const quarantined = step.action === 'quarantine';
  kind.publish(quarantined ? 'quarantined' : 'restored', before, after);
  await kind.hideDependents(after, quarantined);
  await kind.touchParent(after);
  await resolveOpenFlags(kind, before, actor, { action: step.action, reason });
  await flushAuditOutbox(kind.model as never, before._id);
  const notice = quarantined ? kind.notices.quarantined : kind.notices.restored;
  await notifyModeration(actor, before, notice, reason, kind.type);
  return { ctx, before, after };
}

/** How a deletion is recorded. */
export interface Tombstone {
  /** Written into the item's history (and told to its author when someone else deleted it). */
  reason: string;
  /** The reason as audited (null: the author's own, unexplained). */
  auditedReason: string | null;
  /** Whether an audit entry is written. */
  audit: boolean;
  /** Extra facts for the audit entry (the topic a reply was deleted with). */
  extra?: Record<string, unknown>;
  /**
   * Conditions the stored item must still meet at the moment of the update (retention: not held by a
   * moderator, not quarantined), so a change made since it was read is never passed over.
   */
  onlyIf?: Record<string, unknown>;
}

/**
 * Turns a loaded item into a tombstone (unless already deleted): its text and index are erased, its
 * moderation history stays so the author can see what happened. Open flags are resolved, the deletion
 * audited, and the author told when someone else deleted it. What happens to the items under it is
 * the type's own (a topic's replies are deleted with it, a thread's hidden). Returns false when it was
 * already deleted.
 */
export async function tombstoneContent<T extends ContentType>(
  kind: ContentKind<T>,
  actor: Actor,
  item: ContentDocs[T],
  tombstone: Tombstone,
): Promise<boolean> {
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  const audit = tombstone.audit
    ? auditOutboxItem(
        actor,
        'content.deleted',
        { type: kind.type, id: String(item._id), label: item.label },
        { reason: tombstone.auditedReason, ...tombstone.extra },
      )
    : null;
  const stored = await kind.model.updateOne(
    { _id: item._id, state: { $ne: 'deleted' }, ...tombstone.onlyIf } as never,
    {
      $set: { state: 'deleted', ...kind.erased },
      $push: {
        moderation: {
          at: new Date(),
          action: 'delete',
          ...moderatorRecord(actor),
          reason: tombstone.reason,
          from: null,
          to: null,
        },
        ...(audit ? { auditOutbox: audit } : {}),
      },
    } as never,
  );
  if (stored.matchedCount === 0) return false;
  await resolveOpenFlags(kind, item, actor, { action: 'delete', reason: tombstone.auditedReason });
  if (audit) await flushAuditOutbox(kind.model as never, item._id);
  if (!own && kind.notices.deleted)
    await notify([String(item.authorId)], item, kind.notices.deleted, tombstone.auditedReason, kind.type);
  const after = { ...item, state: 'deleted', ...kind.erased } as ContentDocs[T];
  kind.publish('deleted', item, after);
  return true;
}
