/**
 * Relabel and deletion for the content types without a road of their own (documents, expert requests, library
 * records): the policy's checks, the kernel's label change and tombstone, the author told, and the
 * change announced through the type's own event.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import type { ContentDocs } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';
import { applyLabel, requireRelabel } from '../moderation/relabelContent.js';
import { notify, type NotificationKind } from '../notifications/notify.js';
import type { ContentKind } from './contentKind.js';
import { contentSubject, loadContentFor } from './loadContentFor.js';
import { tombstoneContent } from './moderateContent.js';

/** How a type's relabel is told and bounded. */
export interface RelabelRoad<T extends ContentType> {
  notice: NotificationKind;
  /** The type's own bounds (library records: GREEN or CLEAR, published), as the error to throw or null. */
  refuse?: (to: Label, item: ContentDocs[T]) => Error | null;
  announce: (before: ContentDocs[T], after: ContentDocs[T]) => void;
}

/** Relabels an item of `kind` (raise or lower, as the policy allows) with a justification. */
export async function relabelByKind<T extends ContentType>(
  kind: ContentKind<T>,
  road: RelabelRoad<T>,
  actor: Actor,
  id: string,
  to: Label,
  justification: string,
): Promise<ContentDocs[T]> {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, kind.type, id);
  const refusal = road.refuse?.(to, item);
  if (refusal) throw refusal;
  await requireRelabel(ctx, kind.type, item, to);
  const after = await applyLabel(actor, item, to, justification, { action: 'relabel' }, kind.type);
  road.announce(item, after);
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify(
      [String(item.authorId)],
      item,
      road.notice,
      `${item.label} → ${to}: ${justification}`,
      kind.type,
    );
  return after;
}

/** Deletes an item of `kind` to a tombstone (its author, or a moderator with a reason). */
export async function deleteByKind<T extends ContentType>(
  kind: ContentKind<T>,
  actor: Actor,
  id: string,
  reason: string | null,
): Promise<{ done: true }> {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, kind.type, id);
  if (item.state === 'deleted') throw new NotFoundError(kind.type);
  await authorizeSharing(ctx, 'delete', kind.type, contentSubject(item));
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  if (!own) await authorizeSharing(ctx, 'moderate', kind.type, contentSubject(item));
  await tombstoneContent(kind, actor, item, {
    reason: reason ?? 'Deleted by its author',
    auditedReason: reason,
    audit: true,
  });
  return { done: true };
}
