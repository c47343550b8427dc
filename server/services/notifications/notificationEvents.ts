/**
 * Publishes notifications once stored (`notifications.stored` on the bus, server/events/domainEvents.ts).
 * The real-time layer subscribes to deliver `notification:created` to each recipient's room; the mail
 * runner subscribes to send immediate e-mails about mentions. Both render through the policy for the
 * recipient.
 */
import type { NotificationDoc } from '../../models/Notification.js';
import { publish } from '../../events/domainEvents.js';

/** Publishes the notifications just stored to the processors, if any (nothing for an empty list). */
export function emitNotificationsStored(docs: NotificationDoc[]): void {
  if (docs.length > 0) publish('notifications.stored', docs);
}
