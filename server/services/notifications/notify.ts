/**
 * Stores in-app notifications (references only; bodies are rendered when read) and tells the
 * subscribers (sockets, immediate mention e-mail). Works for any notifiable content type.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import {
  NotificationModel,
  type NOTIFICATION_KINDS,
  type NotifiableType,
  type NotificationDoc,
} from '../../models/Notification.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { loadContent } from '../../policy/contentAccess.js';
import { readersAmong } from '../../policy/readersAmong.js';
import { emitNotificationsStored } from './notificationEvents.js';
import { ensurePreferences } from './notificationPreferences.js';
import { recipientsWhoHear } from './spaceLevels.js';

/** One notification kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification needs to know about its item: its id and space. */
export interface NotifiedItem {
  _id: unknown;
  spaceId: unknown;
}

/**
 * Notifies each person once about the item and returns who was told (a post unless `itemType` says otherwise). The caller has
 * chosen the recipients; those who muted the item's space (or hear only mentions there) are left out
 * (spaceLevels.ts); what each may see is decided when the notification is rendered.
 */
export async function notify(
  recipientIds: string[],
  item: NotifiedItem,
  kind: NotificationKind,
  reason: string | null = null,
  itemType: NotifiableType = 'Post',
): Promise<string[]> {
  const named = [...new Set(recipientIds.map(String))];
  if (named.length === 0) return [];
  const createdAt = new Date();
  // Before the insert, so a new person's digest marker is older than these notifications.
  await ensurePreferences(named, createdAt);
  const distinct = await recipientsWhoHear(named, item.spaceId, kind);
  if (distinct.length === 0) return [];
  const stored = await NotificationModel.insertMany(
    distinct.map((recipientId) => ({
      recipientId,
      kind,
      itemType,
      itemId: item._id,
      // Kept for posts, so readers written before item types (queries by postId) still find them.
      ...(itemType === 'Post' ? { postId: item._id } : {}),
      spaceId: item.spaceId,
      reason,
      createdAt,
    })),
  );
  emitNotificationsStored(stored.map((d) => d.toObject() as unknown as NotificationDoc));
  return distinct;
}

/**
 * Notifies those among `personIds` who may read the item now (active, not its author) with `kind`;
 * returns the ids notified. For mentions and replies, where the caller names people who may not
 * have the right to the item. The policy decides for all of them at once (policy/readersAmong.ts):
 * a few queries, however many people are named.
 */
export async function notifyReaders(
  personIds: string[],
  item: NotifiedItem & { authorId?: unknown },
  kind: NotificationKind,
  itemType: NotifiableType,
): Promise<string[]> {
  const candidates = [...new Set(personIds.map(String))].filter((id) => id !== String(item.authorId));
  if (candidates.length === 0) return [];
  // Decided on the item as stored now (a quarantine or relabel may have passed since the caller read it).
  const stored = await loadContent(String(item._id), itemType);
  if (!stored) return [];
  const allowed = await readersAmong(itemType, stored, candidates);
  return notify(allowed, item, kind, null, itemType);
}

/**
 * Notifies the people mentioned in an item who may read it now (active, not the author): kind
 * `<type>.mentioned`. Mention parsing is the caller's (forums, rooms); this decides who is told.
 * Returns the ids notified.
 */
export function notifyMentions(
  item: NotifiedItem & { authorId?: unknown },
  itemType: NotifiableType,
  mentionIds: string[],
): Promise<string[]> {
  return notifyReaders(
    mentionIds,
    item,
    itemType === 'Post' ? 'post.mentioned' : 'message.mentioned',
    itemType,
  );
}

/**
 * Tells an item's author and its moderators (global, and the coordinators of its hub) of a moderation
 * action, leaving out the moderator who acted. The notice never carries content (see notificationBody).
 */
export async function notifyModeration(
  actor: Actor,
  item: NotifiedItem & { authorId: unknown; spaceHubId?: unknown },
  kind: NotificationKind,
  reason: string,
  itemType: NotifiableType = 'Post',
): Promise<void> {
  const told = [String(item.authorId), ...(await moderatorIdsFor(item.spaceHubId))];
  const others = told.filter((p) => actor.kind !== 'person' || p !== actor.id);
  await notify(others, item, kind, reason, itemType);
}
