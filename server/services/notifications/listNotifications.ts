/**
 * The actor's in-app notifications, each body rendered now from the item's current state: an item the
 * recipient may no longer read (relabelled, quarantined, left the space) shows nothing of its content,
 * and content notices about it disappear. The unread count counts exactly what the list would show.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { Notification, PageQuery } from '../../../shared/schemas/index.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { readPage } from '../../db/pagination.js';
import { resolveNotifications } from './resolveNotifications.js';

type NotificationOut = z.infer<typeof Notification>;

/** The most unread notifications counted; the count says `capped` beyond it. */
export const UNREAD_COUNT_CAP = 500;

/** Renders stored notifications for their recipient, dropping those that may show nothing. */
export async function renderNotifications(
  ctx: SharingContext,
  docs: NotificationDoc[],
): Promise<NotificationOut[]> {
  const out: NotificationOut[] = [];
  for (const r of await resolveNotifications(ctx, docs)) {
    if (!r.body) continue;
    out.push({
      id: String(r.doc._id),
      kind: r.doc.kind,
      itemType: r.ref.type,
      item: r.ref.id,
      ...(r.ref.type === 'Post' ? { post: r.ref.id } : {}),
      createdAt: r.doc.createdAt.toISOString(),
      read: r.doc.readAt !== null && r.doc.readAt !== undefined,
      ...r.body,
    });
  }
  return out;
}

function personId(actor: Actor): string {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return actor.id;
}

/** One page of the actor's notifications, newest first (`unread` keeps unread ones only). */
export async function listNotifications(
  actor: Actor,
  query: Pick<z.infer<typeof PageQuery>, 'limit' | 'cursor'> & { unread?: boolean },
) {
  const id = personId(actor);
  const ctx = await loadSharingContext(actor);
  const stored = await readPage<NotificationDoc>(NotificationModel as never, {
    filters: [{ recipientId: id }, query.unread ? { readAt: null } : {}],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
    direction: 'desc',
  });
  return { items: await renderNotifications(ctx, stored.items), nextCursor: stored.nextCursor };
}

/**
 * How many unread notifications the actor would see: only those that show something now (an item
 * the actor may no longer read is not counted, so counts leak nothing).
 */
export async function countUnreadNotifications(actor: Actor): Promise<{ count: number; capped: boolean }> {
  const id = personId(actor);
  const ctx = await loadSharingContext(actor);
  const unread = (await NotificationModel.find({ recipientId: id, readAt: null })
    .sort({ _id: 1 })
    .limit(UNREAD_COUNT_CAP + 1)
    .lean()) as NotificationDoc[];
  const capped = unread.length > UNREAD_COUNT_CAP;
  const shown = await renderNotifications(ctx, unread.slice(0, UNREAD_COUNT_CAP));
  return { count: shown.length, capped };
}

/** Marks one of the actor's notifications read (idempotent); another person's is "not found". */
export async function markNotificationRead(actor: Actor, notificationId: string): Promise<{ id: string }> {
  const id = personId(actor);
  const found = await NotificationModel.exists({ _id: notificationId, recipientId: id });
  if (!found) throw new NotFoundError('Notification');
  await NotificationModel.updateOne(
    { _id: notificationId, recipientId: id, readAt: null },
    { $set: { readAt: new Date() } },
  );
  return { id: notificationId };
}

/** Marks all the actor's notifications read, up to `upTo` when given (what the client has shown). */
export async function markAllNotificationsRead(
  actor: Actor,
  upTo: string | undefined,
): Promise<{ marked: number }> {
  const id = personId(actor);
  const result = await NotificationModel.updateMany(
    upTo ? { recipientId: id, readAt: null, _id: { $lte: upTo } } : { recipientId: id, readAt: null },
    { $set: { readAt: new Date() } },
  );
  return { marked: result.modifiedCount };
}
