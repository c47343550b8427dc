/** Schemas of the notification routes: preferences, the unread count and marking read. */
import { z } from 'zod';
import { ObjectIdString } from './common.js';

/** A person's notification preferences (PUT replaces both). */
export const NotificationPreferences = z
  .object({
    digest: z.enum(['off', 'daily', 'weekly']),
    mentions: z.boolean(),
  })
  .strict()
  .meta({ id: 'NotificationPreferences' });

/** Path parameters naming one notification. */
export const NotificationParams = z.object({ notification: ObjectIdString }).strict();

/** The unread count: only notifications that show something now; `capped` beyond the counting limit. */
export const UnreadNotificationCount = z
  .object({ count: z.number().int().min(0), capped: z.boolean() })
  .meta({ id: 'UnreadNotificationCount' });

/** Marks everything read, or only up to the last notification the client has shown. */
export const MarkAllNotificationsRead = z.object({ upTo: ObjectIdString.optional() }).strict();

/** How many notifications were marked read. */
export const MarkedNotifications = z.object({ marked: z.number().int().min(0) });

/** The id of a notification marked read. */
export const MarkedNotification = z.object({ id: ObjectIdString });
