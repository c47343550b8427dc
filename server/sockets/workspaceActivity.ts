/**
 * Room activity for the workspace sidebar: when a message is posted in a room's main timeline, the
 * people with an open socket who may read it hear `room:activity { roomId }` on their own sockets
 * (`person:<id>`), whether or not they have the room open, and ask for that room's unread count again
 * (GET /api/v1/home/rooms/{id}/unread, counted through the policy). The event carries nothing of the
 * message, and goes only to readers decided by the policy itself (`readersAmong`: a RED message's
 * activity reaches its audience only), never to the author for their own message.
 *
 * Messages of one room within {@link COALESCE_MS} are decided together, so a busy room costs one
 * member lookup per window, not one per message. Thread replies are read in their thread and are not
 * counted as unread: they announce nothing. An inline processor of the bus: the first message of a
 * window returns the window's work, so a failure is logged and retried by the bus.
 */
import type { MessageDoc } from '../models/Message.js';
import { subscribe } from '../events/domainEvents.js';
import type { MessageEvent } from '../events/roomEvents.js';
import { readersAmong } from '../policy/readersAmong.js';
import { currentMemberIds } from '../policy/spaceMembers.js';
import { spacesById } from '../services/spaces/spaceLookups.js';
import type { OnlineFilter } from './broadcastCandidates.js';

/** How long new messages of one room are gathered before their readers are told. */
export const COALESCE_MS = 500;

/** Tells one person that one room had activity. */
export type TellActivity = (personId: string, roomId: string) => void;

/** The people to tell about `messages` of room `roomId`: online readers of at least one, authors aside. */
export async function activityRecipients(
  roomId: string,
  messages: MessageDoc[],
  online: OnlineFilter,
): Promise<string[]> {
  const space = (await spacesById([roomId])).get(roomId);
  if (!space) return [];
  const present = await online(await currentMemberIds(space));
  const told = new Set<string>();
  for (const message of messages) {
    const candidates = present.filter((id) => id !== String(message.authorId) && !told.has(id));
    if (candidates.length === 0) continue;
    for (const id of await readersAmong('Message', message, candidates)) told.add(id);
  }
  return [...told];
}

/** Subscribes room activity to new messages; returns the unsubscribe function. */
export function announceRoomActivity(
  tell: TellActivity,
  online: OnlineFilter,
  delayMs = COALESCE_MS,
): () => void {
  const waiting = new Map<string, MessageDoc[]>();
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const flushLater = (roomId: string): Promise<void> =>
    new Promise<MessageDoc[]>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const messages = waiting.get(roomId) ?? [];
        waiting.delete(roomId);
        resolve(messages);
      }, delayMs);
      timer.unref();
      timers.add(timer);
    }).then(async (messages) => {
      for (const personId of await activityRecipients(roomId, messages, online)) tell(personId, roomId);
    });

  const onMessage = (event: MessageEvent): Promise<void> | undefined => {
    if (event.type !== 'created' || event.after.threadId) return undefined;
    const roomId = String(event.after.spaceId);
    const queued = waiting.get(roomId);
    if (queued) {
      queued.push(event.after);
      return undefined;
    }
    waiting.set(roomId, [event.after]);
    return flushLater(roomId);
  };
  const off = subscribe('message', 'socket room activity', onMessage);
  return () => {
    off();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    waiting.clear();
  };
}
