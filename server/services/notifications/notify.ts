/** Stores in-app notifications (references only; bodies are rendered when read). */
import { PersonModel } from '../../models/Person.js';
import { HubModel } from '../../models/Hub.js';
import { NotificationModel, type NOTIFICATION_KINDS } from '../../models/Notification.js';
import type { PostDoc } from '../../models/Post.js';

/** One notification kind. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Notifies each person once about the item. */
export async function notify(
  recipientIds: string[],
  item: Pick<PostDoc, '_id' | 'spaceId'>,
  kind: NotificationKind,
  reason: string | null = null,
): Promise<void> {
  const distinct = [...new Set(recipientIds)];
  if (distinct.length === 0) return;
  const createdAt = new Date();
  await NotificationModel.insertMany(
    distinct.map((recipientId) => ({
      recipientId,
      kind,
      postId: item._id,
      spaceId: item.spaceId,
      reason,
      createdAt,
    })),
  );
}

/** The moderators of an item: global moderators and the coordinators of its space's hub. */
export async function moderatorIdsFor(spaceHubId: unknown): Promise<string[]> {
  const [globals, hub] = await Promise.all([
    PersonModel.find({ roles: 'moderator', status: 'active' }, { _id: 1 }).lean(),
    spaceHubId ? HubModel.findById(spaceHubId, { coordinatorIds: 1 }).lean() : null,
  ]);
  return [...globals.map((p) => String(p._id)), ...(hub?.coordinatorIds ?? []).map(String)];
}
