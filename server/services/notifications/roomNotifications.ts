/**
 * Notifications from room messages: the rooms' services emit `messageEvents` with the people newly
 * mentioned by each write; this turns them into `message.mentioned` notifications for those who may
 * read the message, and a new reply in a thread into `message.replied` for the thread's author.
 * Started by server/main.ts on every node (events are process-local: each write is handled once, on
 * the node that stored it).
 */
import type { Logger } from '../../logger.js';
import { loadContent } from '../../policy/contentAccess.js';
import { messageEvents, type MessageEvent } from '../rooms/messageEvents.js';
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

/** Subscribes to room events; returns the unsubscribe function. */
export function startRoomNotifications(logger: Logger): () => void {
  const listener = (event: MessageEvent) => {
    notifyForMessage(event).catch((error: unknown) =>
      logger.warn({ err: error, messageId: String(event.after._id) }, 'message notifications failed'),
    );
  };
  messageEvents.on('message', listener);
  return () => messageEvents.off('message', listener);
}
