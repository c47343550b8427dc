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

/** Creates the notifications one message event calls for; returns who was told of what. */
export async function notifyForMessage(
  event: MessageEvent,
): Promise<{ mentioned: string[]; replied: string[] }> {
  const none = { mentioned: [], replied: [] };
  if ((event.type !== 'created' && event.type !== 'updated') || event.after.state !== 'visible') return none;
  const item = event.after;
  const mentioned =
    event.mentionIds.length > 0 ? await notifyMentions(item, 'Message', event.mentionIds) : [];
  let replied: string[] = [];
  if (event.type === 'created' && item.threadId) {
    // Only the thread author's id is read from the root; whether they may read the reply is decided
    // by the policy in notifyReaders.
    const root = await loadContent(String(item.threadId), 'Message');
    const rootAuthor = root ? String(root.authorId) : null;
    if (rootAuthor && !mentioned.includes(rootAuthor))
      replied = await notifyReaders([rootAuthor], item, 'message.replied', 'Message');
  }
  return { mentioned, replied };
}

/**
 * Subscribes the room notifications processor (background) to message events; returns the unsubscribe
 * function. The bus logs and retries its failures.
 */
export function startRoomNotifications(): () => void {
  return subscribe('message', 'room notifications', notifyForMessage, { mode: 'background' });
}
