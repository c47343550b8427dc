/**
 * The notification list over REST (GET /api/v1/me/notifications, mark as read) and the shape the
 * bell shows, whether an item came from the list or live from the socket (`notification:created`).
 */
import type { NotificationDelivery } from '../../../shared/events.js';
import { apiGet } from '../api.js';
import { postWithCsrf } from '../auth/csrf.js';

/** A notification as the bell shows it. */
export interface BellItem {
  id: string;
  /** The text the server rendered for me, or null for AMBER and above (then the space is named). */
  text: string | null;
  spaceName: string | null;
  link: string;
  createdAt: string;
  read: boolean;
  /** A moderation notice's facts, worded by the bell in the reader's language. */
  notice?: ModerationNotice | undefined;
}

/** A moderation notice as the server describes it (kind, space, reason). */
export interface ModerationNotice {
  kind: string;
  space: string;
  reason: string | null;
}

interface ListedNotification {
  id: string;
  text: string;
  link: string;
  createdAt: string;
  read: boolean;
  notice?: ModerationNotice;
}

/** The most recent notifications, newest first. */
export async function fetchNotifications(signal: AbortSignal): Promise<BellItem[]> {
  const page = await apiGet<{ items: ListedNotification[] }>('/me/notifications?limit=20', signal);
  return page.items.map((n) => ({
    id: n.id,
    text: n.text,
    spaceName: null,
    link: n.link,
    createdAt: n.createdAt,
    read: n.read,
    notice: n.notice,
  }));
}

/** A live notification as a bell item (unread). */
export function fromDelivery(n: NotificationDelivery): BellItem {
  return {
    id: n.id,
    text: n.text,
    spaceName: n.space?.name ?? null,
    link: n.link,
    createdAt: n.createdAt,
    read: false,
    notice: n.notice,
  };
}

/** How many unread notifications the server counts (`capped` past its counting limit). */
export function fetchUnreadCount(signal: AbortSignal): Promise<{ count: number; capped: boolean }> {
  return apiGet<{ count: number; capped: boolean }>('/me/notifications/unread-count', signal);
}

/** Marks one notification as read. */
export async function markNotificationRead(id: string): Promise<void> {
  await postWithCsrf(`/me/notifications/${encodeURIComponent(id)}/read`);
}

/** Marks every notification up to `upTo` (the newest one shown) as read. */
export async function markAllNotificationsRead(upTo: string): Promise<void> {
  await postWithCsrf('/me/notifications/read', { upTo });
}

/** Only same-site paths are followed from a notification (anything else goes to the list). */
export function safeLink(link: string): string {
  return link.startsWith('/') && !link.startsWith('//') && !link.startsWith('/\\') ? link : '/';
}

/** Words a moderation notice in the reader's language; a flag's reason code is translated too. */
export function noticeText(
  notice: ModerationNotice,
  t: (key: string, options?: Record<string, unknown>) => string,
) {
  const action = notice.kind.split('.').pop() ?? '';
  const text = t(`moderationNotices.${action}`, { space: notice.space, defaultValue: notice.kind });
  if (!notice.reason) return text;
  const reason =
    action === 'flagged'
      ? t(`moderationNotices.reasons.${notice.reason}`, { defaultValue: notice.reason })
      : action === 'progressed' // an expert request's new state
        ? t(`moderationNotices.states.${notice.reason}`, { defaultValue: notice.reason })
        : notice.reason;
  return t('moderationNotices.withReason', { text, reason });
}
