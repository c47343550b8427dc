/**
 * Room activity for the workspace sidebar: when a message is posted in a room's main timeline, the
 * people with an open socket who may read it hear `room:activity { roomId }` on their own sockets
 * (`person:<id>`), whether or not they have the room open, and ask for that room's unread count again
 * (GET /api/v1/home/rooms/{id}/unread, counted through the policy). The event carries nothing of the
 * message, and goes only to readers decided by the policy itself (`readersAmong`: a RED message's
 * activity reaches its audience only), never to the author for their own message.
 *
 * Messages of one room within {@link COALESCE_MS} are decided together, and a room's members are
 * kept by the node's sharing cache (forgotten at any membership or access change), so a busy room
 * costs no member lookup per message. Thread replies are read in their thread and are not
 * counted as unread: they announce nothing. An inline processor of the bus: the first message of a
 * window returns the window's work, so a failure is logged and retried by the bus.
 */
import type { MessageDoc } from '../models/Message.js';
import { subscribe } from '../events/domainEvents.js';
import type { MessageEvent } from '../events/roomEvents.js';
import { readersAmong } from '../policy/readersAmong.js';
import { loadRoom } from '../services/rooms/roomAccess.js';
import { forgetRoomMembers } from '../services/rooms/roomMembersCache.js';
import { roomMembers } from '../services/rooms/sharingCache.js';
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
  const space = await loadRoom(roomId);
  if (!space) return [];
  const members = await roomMembers(space);
  const present = await online(members);
  // The members read once for the window's messages, not again for each of them.
  const known = { space, memberIds: new Set(members) };
  const told = new Set<string>();
  for (const message of messages) {
    const candidates = present.filter((id) => id !== String(message.authorId) && !told.has(id));
    if (candidates.length === 0) continue;
    for (const id of await readersAmong('Message', message, candidates, known)) told.add(id);
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
  const offs = [
    subscribe('message', 'socket room activity', onMessage),
    // Kept members go at any membership or access change here too (the sharing cache's invalidation
    // clears them on every node as well), so no one removed is told of later activity.
    subscribe('membership', 'room activity members', () => forgetRoomMembers()),
    subscribe('access', 'room activity members', () => forgetRoomMembers()),
  ];
  return () => {
    for (const off of offs) off();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    waiting.clear();
  };
}
