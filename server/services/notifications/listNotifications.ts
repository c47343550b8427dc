/**
 * The actor's in-app notifications, each body rendered now with `notificationBody` from the item's
 * current state: an item the recipient may no longer read (relabelled, quarantined, left the space)
 * shows nothing of its content, and content notices about it disappear.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { Notification, PageQuery } from '../../../shared/schemas/index.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { findContentByIds } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../errors.js';
import { activeNamesById } from '../lookups.js';
import { readPage } from '../pagination.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { notificationBody } from './notificationBody.js';

type NotificationOut = z.infer<typeof Notification>;

/** Renders stored notifications for their recipient, dropping those that may show nothing. */
export async function renderNotifications(
  ctx: SharingContext,
  docs: NotificationDoc[],
): Promise<NotificationOut[]> {
  const readable = await findContentByIds(
    ctx,
    docs.map((d) => d.postId),
  );
  const items = new Map(readable.map((p) => [String(p._id), p]));
  const [spaces, names] = await Promise.all([
    spacesById(docs.map((d) => d.spaceId)),
    activeNamesById(readable.map((p) => p.authorId)),
  ]);
  const out: NotificationOut[] = [];
  for (const doc of docs) {
    const space = spaces.get(String(doc.spaceId));
    const item = items.get(String(doc.postId));
    const body = notificationBody({
      kind: doc.kind,
      reason: doc.reason ?? null,
      postId: String(doc.postId),
      space: {
        slug: space?.slug ?? 'unknown',
        name: space?.name ?? 'a space',
        chathamHouse: space?.chathamHouse ?? true,
      },
      item: item
        ? {
            label: item.label,
            title: item.title,
            body: item.body,
            authorName: item.forwardedFrom?.chathamHouse ? null : (names.get(String(item.authorId)) ?? null),
          }
        : null,
    });
    if (!body) continue;
    out.push({
      id: String(doc._id),
      kind: doc.kind,
      post: String(doc.postId),
      createdAt: doc.createdAt.toISOString(),
      read: doc.readAt !== null && doc.readAt !== undefined,
      ...body,
    });
  }
  return out;
}

/** One page of the actor's notifications. */
export async function listNotifications(
  actor: Actor,
  query: Pick<z.infer<typeof PageQuery>, 'limit' | 'cursor'>,
) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const stored = await readPage<NotificationDoc>(NotificationModel as never, {
    filters: [{ recipientId: actor.id }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await renderNotifications(ctx, stored.items), nextCursor: stored.nextCursor };
}
