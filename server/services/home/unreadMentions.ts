/**
 * The person's unread mentions, for the home page and the per-space mention counts of the sidebar.
 * A mention shows only when its notice may say so: the item is readable by the person now (resolved
 * through the notifications' item sources, which read through the policy) and its label lets a notice
 * carry what it was (CLEAR, GREEN). For AMBER and above a notice says only "new material in <space>",
 * not even that it was a mention (SHARING.md, "Leaving the platform"), and the home page keeps to the
 * same reading: those mentions appear as unread messages of their room, not as mentions.
 */
import type { z } from 'zod';
import type { HomeMention } from '../../../shared/schemas/home.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { NotificationModel, type NotificationDoc } from '../../models/Notification.js';
import { contentEvent, contentMayLeave } from '../notifications/notificationBody.js';
import { resolveNotifications } from '../notifications/resolveNotifications.js';

/** How many unread mention notices are looked at, newest first. */
export const MENTIONS_LOOKED_AT = 100;

/** How many mentions the home page lists. */
export const MENTIONS_LISTED = 10;

/** The longest excerpt of a mention, in characters. */
const EXCERPT_CHARS = 160;

const MENTION_KINDS = ['post.mentioned', 'message.mentioned'] as const;

/** Plain text for an excerpt: Markdown links (mentions included) become their text, spaces collapse. */
export function excerptOf(text: string): string {
  const plain = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>#~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...plain];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : plain;
}

/** The unread mentions that may be shown, newest first, and how many there are per space. */
export async function unreadMentions(ctx: SharingContext): Promise<{
  items: z.infer<typeof HomeMention>[];
  bySpace: Map<string, number>;
}> {
  const bySpace = new Map<string, number>();
  if (ctx.actor.kind !== 'person') return { items: [], bySpace };
  const docs = (await NotificationModel.find({
    recipientId: ctx.actor.id,
    readAt: null,
    kind: { $in: [...MENTION_KINDS] },
  })
    .sort({ _id: -1 })
    .limit(MENTIONS_LOOKED_AT)
    .lean()) as NotificationDoc[];
  const items: z.infer<typeof HomeMention>[] = [];
  for (const resolved of await resolveNotifications(ctx, docs)) {
    const { item, doc } = resolved;
    if (!item || !resolved.body || contentEvent(doc.kind) !== 'mentioned' || !contentMayLeave(item.label))
      continue;
    bySpace.set(resolved.space.id, (bySpace.get(resolved.space.id) ?? 0) + 1);
    if (items.length >= MENTIONS_LISTED) continue;
    items.push({
      id: String(doc._id),
      space: { id: resolved.space.id, name: resolved.space.name },
      excerpt: excerptOf(item.title ? `${item.title}: ${item.body}` : item.body),
      author: resolved.authorName,
      link: resolved.link,
      createdAt: doc.createdAt.toISOString(),
    });
  }
  return { items, bySpace };
}
