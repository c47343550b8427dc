/**
 * What a notification may say (SHARING.md, "Leaving the platform"), for in-app lists, e-mail, push and
 * digests alike: CLEAR and GREEN may carry the title and body; AMBER and above only "new material in
 * <space>" with a link, never the content, file name or title. Moderation notices never carry content.
 * Under the Chatham House Rule no name or city, since a notification leaves the space.
 */
import { BODY_MAY_LEAVE } from '../../../shared/policy/labels.js';
import { asLabel } from '../../../shared/policy/content.js';

/** The rendered body of one notification. */
export interface NotificationBody {
  text: string;
  link: string;
  title?: string;
  body?: string;
  author?: string;
}

/** The facts the body needs. `item` is null unless the recipient may read the item now. */
export interface NotificationFacts {
  kind: string;
  reason: string | null;
  postId: string;
  space: { slug: string; name: string; chathamHouse: boolean };
  item: { label: string; title: string; body: string; authorName: string | null } | null;
}

const MODERATION_TEXT: Record<string, string> = {
  'post.quarantined': 'was quarantined by a moderator',
  'post.restored': 'was restored by a moderator',
  'post.deleted': 'was deleted by a moderator',
  'post.moved': 'was moved by a moderator',
  'post.relabelled': 'had its label changed',
  'post.flagged': 'was flagged for review',
};

/** The body for one recipient, or null when nothing may be shown (the item is not readable now). */
export function notificationBody(facts: NotificationFacts): NotificationBody | null {
  const link = `/posts/${facts.postId}`;
  const moderation = MODERATION_TEXT[facts.kind];
  if (moderation) {
    const why = facts.reason ? `: ${facts.reason}` : '.';
    return { text: `Material in ${facts.space.name} ${moderation}${why}`, link };
  }
  if (!facts.item) return null;
  const text = `New material in ${facts.space.name}`;
  if (!BODY_MAY_LEAVE.includes(asLabel(facts.item.label))) return { text, link };
  return {
    text,
    link,
    title: facts.item.title,
    body: facts.item.body,
    ...(facts.space.chathamHouse || !facts.item.authorName ? {} : { author: facts.item.authorName }),
  };
}
