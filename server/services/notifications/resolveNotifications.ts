/**
 * Resolves stored notifications for their recipient: the item through its content type's source (only
 * if the recipient may read it now), the space, the author's name, and the body the label allows.
 * Every channel (in-app list, unread count, socket, e-mail) starts here, so they agree.
 */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { itemRefOf, type NotifiableType, type NotificationDoc } from '../../models/Notification.js';
import { activeNamesById } from '../lookups.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { itemKey, itemSource, readableItems, type NotifiableItem } from './itemSources.js';
import { notificationBody, type NotificationBody } from './notificationBody.js';
import { isFlagNotice, moderationItemLink } from '../moderation/consoleLinks.js';

/** One notification resolved for its recipient. */
export interface ResolvedNotification {
  doc: NotificationDoc;
  ref: { type: NotifiableType; id: string };
  space: { id: string; name: string; chathamHouse: boolean };
  /** The item when the recipient may read it now, else null. */
  item: NotifiableItem | null;
  /** The author's name when it may be shown (not under the Chatham House Rule), else null. */
  authorName: string | null;
  link: string;
  /** What the notification may show, or null when it shows nothing now. */
  body: NotificationBody | null;
}

/** Resolves notifications (all for the same recipient, whose context is `ctx`). */
export async function resolveNotifications(
  ctx: SharingContext,
  docs: NotificationDoc[],
): Promise<ResolvedNotification[]> {
  const refs = docs.map(itemRefOf);
  const items = await readableItems(ctx, refs);
  const [spaces, names] = await Promise.all([
    spacesById(docs.map((d) => d.spaceId)),
    activeNamesById([...items.values()].map((i) => i.authorId)),
  ]);
  return docs.map((doc, i) => {
    const ref = refs[i] as { type: NotifiableType; id: string };
    const stored = spaces.get(String(doc.spaceId));
    // An unknown space is named vaguely and treated as Chatham House (fail closed).
    const space = {
      id: String(doc.spaceId),
      name: stored?.name ?? 'a space',
      chathamHouse: stored?.chathamHouse ?? true,
    };
    const item = items.get(itemKey(ref.type, ref.id)) ?? null;
    const authorName =
      item && !item.anonymous && !space.chathamHouse ? (names.get(item.authorId) ?? null) : null;
    const link = isFlagNotice(doc.kind)
      ? moderationItemLink(ref.type, ref.id)
      : doc.kind === 'request.offered'
        ? '/offers' // the offered expert may not read the request before accepting
        : (itemSource(ref.type)?.link({ id: ref.id, spaceId: space.id }) ?? '/');
    const body = notificationBody({
      kind: doc.kind,
      reason: doc.reason ?? null,
      link,
      space,
      item: item ? { label: item.label, title: item.title, body: item.body, authorName } : null,
    });
    return { doc, ref, space, item, authorName, link, body };
  });
}
