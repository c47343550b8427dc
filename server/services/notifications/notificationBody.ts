/**
 * What a notification may say (SHARING.md, "Leaving the platform"), for in-app lists, sockets, e-mail,
 * push and digests alike: CLEAR and GREEN may carry the title and body; AMBER and above only "new
 * material in <space>" with a link, never the content, file name or title (nor what kind of event it
 * was). Moderation notices never carry content. Under the Chatham House Rule no name or city, since a
 * notification leaves the space. The same rules hold for every content type (posts, room messages).
 */
import { bodyMayLeave } from '../../../shared/policy/labels.js';
import { asLabel } from '../../../shared/policy/content.js';

/** The rendered body of one notification. */
export interface NotificationBody {
  text: string;
  link: string;
  title?: string;
  body?: string;
  author?: string;
  /** A moderation notice's facts, for clients to word it in the reader's language. */
  notice?: { kind: string; space: string; reason: string | null };
}

/** The facts the body needs. `item` is null unless the recipient may read the item now. */
export interface NotificationFacts {
  kind: string;
  reason: string | null;
  /** The in-app link of the item (see itemSources). */
  link: string;
  space: { name: string; chathamHouse: boolean };
  item: { label: string; title: string | null; body: string; authorName: string | null } | null;
}

const MODERATION_TEXT: Record<string, string> = {
  'post.quarantined': 'was quarantined by a moderator',
  'post.restored': 'was restored by a moderator',
  'post.deleted': 'was deleted by a moderator',
  'post.moved': 'was moved by a moderator',
  'post.relabelled': 'had its label changed',
  'post.flagged': 'was flagged for review',
  'message.quarantined': 'was quarantined by a moderator',
  'message.restored': 'was restored by a moderator',
  'message.relabelled': 'had its label changed',
  'message.flagged': 'was flagged for review',
  'message.deleted': 'was deleted by a moderator',
  'document.quarantined': 'was quarantined by a moderator',
  'document.restored': 'was restored by a moderator',
  'document.deleted': 'was deleted by a moderator',
  'document.relabelled': 'had its label changed',
  'document.flagged': 'was flagged for review',
  'document.retention_due': 'reached the end of its retention period',
  'request.quarantined': 'was quarantined by a moderator',
  'request.restored': 'was restored by a moderator',
  'request.deleted': 'was deleted by a moderator',
  'request.relabelled': 'had its label changed',
  'request.flagged': 'was flagged for review',
  'request.submitted': 'is a new expert request awaiting triage',
  'request.offered': 'is an expert request offered to you',
  'request.progressed': 'moved on in its workflow',
  'request.due_soon': 'is due in two days',
  'request.overdue': 'is past its due date',
  'library.quarantined': 'was quarantined by a moderator',
  'library.restored': 'was restored by a moderator',
  'library.deleted': 'was deleted by a moderator',
  'library.relabelled': 'had its label changed',
  'library.flagged': 'was flagged for review',
  'library.review_requested': 'is a library record awaiting your approval',
  'library.published': 'was published in the library',
};

/** Whether a kind is a moderation notice (which never carries content). */
export function isModerationKind(kind: string): boolean {
  return kind in MODERATION_TEXT;
}

/** The event a content kind tells of: new material, a mention or a reply. */
export function contentEvent(kind: string): 'created' | 'mentioned' | 'replied' {
  if (kind.endsWith('.mentioned')) return 'mentioned';
  if (kind.endsWith('.replied')) return 'replied';
  return 'created';
}

const CONTENT_TEXT = {
  created: 'New material in',
  mentioned: 'You were mentioned in',
  replied: 'New reply in',
} as const;

/** Whether the item's content (title, body) may leave the space in a notification. */
export function contentMayLeave(label: string): boolean {
  return bodyMayLeave(asLabel(label));
}

/** The body for one recipient, or null when nothing may be shown (the item is not readable now). */
export function notificationBody(facts: NotificationFacts): NotificationBody | null {
  const { link } = facts;
  const moderation = MODERATION_TEXT[facts.kind];
  if (moderation) {
    const why = facts.reason ? `: ${facts.reason}` : '.';
    return {
      text: `Material in ${facts.space.name} ${moderation}${why}`,
      link,
      notice: { kind: facts.kind, space: facts.space.name, reason: facts.reason },
    };
  }
  if (!facts.item) return null;
  if (!contentMayLeave(facts.item.label)) return { text: `New material in ${facts.space.name}`, link };
  return {
    text: `${CONTENT_TEXT[contentEvent(facts.kind)]} ${facts.space.name}`,
    link,
    ...(facts.item.title !== null ? { title: facts.item.title } : {}),
    body: facts.item.body,
    ...(facts.space.chathamHouse || !facts.item.authorName ? {} : { author: facts.item.authorName }),
  };
}
