/**
 * Domain events about notifications, emitted after they are stored. The real-time layer subscribes
 * to deliver `notification:created` to each recipient's room; the mail runner subscribes to send
 * immediate e-mails about mentions. Both render through the policy for the recipient.
 */
import { EventEmitter } from 'node:events';
import type { NotificationDoc } from '../../models/Notification.js';

/** The process-wide emitter of notification events (`'stored'`, with the stored documents). */
export const notificationEvents = new EventEmitter();

/** Emits the notifications just stored to the subscribers, if any. */
export function emitNotificationsStored(docs: NotificationDoc[]): void {
  if (docs.length > 0) notificationEvents.emit('stored', docs);
}

/** Subscribes to stored notifications; returns the unsubscribe function. */
export function onNotificationsStored(listener: (docs: NotificationDoc[]) => void): () => void {
  notificationEvents.on('stored', listener);
  return () => notificationEvents.off('stored', listener);
}
