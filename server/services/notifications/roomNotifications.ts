/**
 * Notifications from room messages: the rooms' services publish `message` events with the people newly
 * mentioned by each write; this processor turns them into `message.mentioned` notifications for those
 * who may read the message, and a new reply in a thread into `message.replied` for the thread's
 * author. It runs in the background (bounded, retried: server/events/domainEvents.ts), never in the
 * sender's latency. Started by server/main.ts on every node (events are process-local: each write is
 * handled once, on the node that stored it).
 */
import { loadContent } from '../../policy/contentAccess.js';
import { subscribe } from '../../events/domainEvents.js';
import type { MessageEvent } from '../rooms/messageEvents.js';
import { notifyMentions, notifyReaders } from './notify.js';

/** Whether a message event may call for notifications: a new or edited message that is visible. */
function notifiable(event: MessageEvent): boolean {
  return (event.type === 'created' || event.type === 'updated') && event.after.state === 'visible';
}

/** Tells the people newly mentioned by a message write who may read it; returns who was told. */
export async function notifyMentioned(event: MessageEvent): Promise<string[]> {
  if (!notifiable(event) || event.mentionIds.length === 0) return [];
  return notifyMentions(event.after, 'Message', event.mentionIds);
}

/**
 * Tells a thread's author of a new reply, when they may read it and were not mentioned by it (the
 * mention said it already); returns who was told.
 */
export async function notifyReplied(event: MessageEvent): Promise<string[]> {
  const item = event.after;
  if (!notifiable(event) || event.type !== 'created' || !item.threadId) return [];
  // Only the thread author's id is read from the root; whether they may read the reply is decided
  // by the policy in notifyReaders.
  const root = await loadContent(String(item.threadId), 'Message');
  const rootAuthor = root ? String(root.authorId) : null;
  if (!rootAuthor || event.mentionIds.includes(rootAuthor)) return [];
  return notifyReaders([rootAuthor], item, 'message.replied', 'Message');
}

/**
 * Subscribes the room notifications to message events, as two background processors (mentions,
 * replies): each makes one write, so the bus's retry of one never repeats the other's notices.
 * Returns the unsubscribe function.
 */
export function startRoomNotifications(): () => void {
  const stops = [
    subscribe('message', 'room mention notices', notifyMentioned, { mode: 'background' }),
    subscribe('message', 'room reply notices', notifyReplied, { mode: 'background' }),
  ];
  return () => {
    for (const stop of stops) stop();
  };
}
