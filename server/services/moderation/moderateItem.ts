/**
 * The moderation actions on one item of any labelled type, as the console (and the item's own page)
 * calls them: quarantine, restore, relabel (up or down, with a justification), move (posts) and
 * delete, each with a reason. Each goes through the type's own service, hence the kernel, the policy
 * and the audit; every action closes the item's open flags with what was done.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { resolveOpenFlags } from '../content/flagContent.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';
import { changeContentState, tombstoneContent } from '../content/moderateContent.js';
import { relabelDocument } from '../documents/moderateDocument.js';
import type { ContentKind } from '../content/contentKind.js';
import { QUARANTINE, RESTORE } from './moderationStep.js';
import { notify } from '../notifications/notify.js';
import { deletePost } from '../posts/deletePost.js';
import { POST_KIND } from '../posts/postKind.js';
import { relabelPost } from '../posts/relabelPost.js';
import { MESSAGE_KIND } from '../rooms/messageKind.js';
import { CONTENT_KINDS } from '../contentKinds.js';
import { relabelRequest } from '../requests/moderateRequest.js';
import { deleteByKind } from '../content/moderateByKind.js';
import { relabelLibraryRecord } from '../library/moderateLibraryRecord.js';
import { quarantineMessage, restoreMessage } from '../rooms/quarantineMessage.js';
import { relabelMessage } from '../rooms/relabelMessage.js';
import { movePost } from './movePost.js';
import { quarantinePost, restorePost } from './quarantinePost.js';

/** The kernel declaration of each type. */
const KINDS = CONTENT_KINDS;

/** Quarantines a visible item with a reason. */
export async function quarantineItem(actor: Actor, type: ContentType, id: string, reason: string) {
  // Posts and messages carry their topic's or thread's replies along; the other types are the kernel's alone.
  if (type === 'Post') await quarantinePost(actor, id, reason);
  else if (type === 'Message') await quarantineMessage(actor, id, reason);
  else await changeContentState(KINDS[type] as ContentKind, actor, id, reason, QUARANTINE);
  return { done: true as const };
}

/** Restores a quarantined item with a reason. */
export async function restoreItem(actor: Actor, type: ContentType, id: string, reason: string) {
  if (type === 'Post') await restorePost(actor, id, reason);
  else if (type === 'Message') await restoreMessage(actor, id, reason);
  else await changeContentState(KINDS[type] as ContentKind, actor, id, reason, RESTORE);
  return { done: true as const };
}

/** Relabels an item (raise or lower, as the policy allows the actor) with a justification. */
export async function relabelItem(
  actor: Actor,
  type: ContentType,
  id: string,
  label: Label,
  justification: string,
) {
  if (type === 'Post') await relabelPost(actor, id, label, justification);
  else if (type === 'Document') await relabelDocument(actor, id, label, justification);
  else if (type === 'ExpertRequest') await relabelRequest(actor, id, label, justification);
  else if (type === 'LibraryRecord') await relabelLibraryRecord(actor, id, label, justification);
  else await relabelMessage(actor, id, label, justification);
  const item = await loadContent(id, type);
  if (item && actor.kind === 'person' && String(item.authorId) !== actor.id)
    await resolveOpenFlags(KINDS[type], item, actor, { action: 'relabel', reason: justification });
  return { done: true as const };
}

/** Moves a plain post (a forum topic moves from its page, with a category). */
export async function moveItem(
  actor: Actor,
  type: ContentType,
  id: string,
  input: { to: string; label?: Label | undefined; justification: string },
) {
  if (type !== 'Post')
    throw new ConflictError('A room message stays in its room: quarantine, relabel or delete it instead.');
  await movePost(actor, id, {
    to: input.to,
    justification: input.justification,
    ...(input.label ? { label: input.label } : {}),
  });
  const item = await loadContent(id, type);
  if (item) await resolveOpenFlags(POST_KIND, item, actor, { action: 'move', reason: input.justification });
  return { done: true as const };
}

/**
 * Deletes someone's item as a moderator, with a reason: a tombstone keeps its history, the author is
 * told with the reason. A thread's replies are hidden with their deleted first message.
 */
export async function deleteItem(actor: Actor, type: ContentType, id: string, reason: string) {
  if (type === 'Post') {
    await deletePost(actor, id, reason);
    return { done: true as const };
  }
  if (type !== 'Message') {
    // A document's files follow its tombstone (its `deleted` event); the other types have none.
    await deleteByKind(KINDS[type] as ContentKind, actor, id, reason);
    return { done: true as const };
  }
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Message', id);
  if (item.state === 'deleted') throw new NotFoundError('Message');
  await authorizeSharing(ctx, 'delete', 'Message', contentSubject(item));
  await authorizeSharing(ctx, 'moderate', 'Message', contentSubject(item));
  const done = await tombstoneContent(MESSAGE_KIND, actor, item, {
    reason,
    auditedReason: reason,
    audit: true,
  });
  if (!done) return { done: true as const };
  const after = { ...item, state: 'deleted', ...MESSAGE_KIND.erased } as typeof item;
  await MESSAGE_KIND.hideDependents(after, true);
  await MESSAGE_KIND.touchParent(after);
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify([String(item.authorId)], item, 'message.deleted', reason, 'Message');
  return { done: true as const };
}
