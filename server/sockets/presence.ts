/**
 * Presence in rooms, computed with fetchSockets so it holds across nodes (with an adapter): who is
 * online in a room, and `presence:updated` when a person's first socket joins or last socket leaves.
 *
 * Announcements are coalesced per room: the first change after a quiet moment goes out at once; the
 * changes that follow within {@link PRESENCE_WINDOW_MS} wait and go out together as ONE event (each
 * person's latest state, in order: the first in `personId`/`online`, the others in `more`). A
 * thousand people joining a room then cost a few events to each member instead of a thousand
 * (n² deliveries). A lone change keeps the old shape and is not sent to the person it is about.
 */
import type { Namespace } from 'socket.io';
import { batchLoader } from '../db/batchLoader.js';
import { memberChannel, roomChannel } from '../services/rooms/roomAccess.js';
import { personChannel } from './types.js';

type Nsp = Pick<Namespace, 'in' | 'to'>;

/** How long changes in a room are gathered after an announcement before the next one goes out. */
export const PRESENCE_WINDOW_MS = 250;

/** The distinct ids of people with a socket in the room. */
export async function onlineIn(nsp: Nsp, roomId: string): Promise<string[]> {
  const sockets = await nsp.in(roomChannel(roomId)).fetchSockets();
  return [...new Set(sockets.map((s) => (s.data as { personId: string }).personId))];
}

const sharedLists = new WeakMap<Nsp, (roomId: string) => Promise<string[] | undefined>>();

/**
 * {@link onlineIn} shared by the joins of one turn (batchLoader.ts): a room whose members all rejoin
 * at once asks the adapter (every node, with Redis) once per turn instead of once per socket. The
 * list is read after each of those sockets entered the room, so it names them.
 */
export async function onlineInShared(nsp: Nsp, roomId: string): Promise<string[]> {
  let load = sharedLists.get(nsp);
  if (!load) {
    load = batchLoader(async (roomIds: string[]) => {
      // A room whose list cannot be had (a node not answering) shows no one online; its later
      // presence changes still arrive. The other rooms of the batch are not failed with it.
      const lists = await Promise.allSettled(roomIds.map((id) => onlineIn(nsp, id)));
      return new Map(
        roomIds.map((id, i) => {
          const list = lists[i];
          return [id, list?.status === 'fulfilled' ? list.value : []];
        }),
      );
    });
    sharedLists.set(nsp, load);
  }
  return (await load(roomId)) ?? [];
}

/** True when the person has a socket in the room. */
export async function presentIn(nsp: Nsp, roomId: string, personId: string): Promise<boolean> {
  return (await nsp.in(memberChannel(roomId, personId)).fetchSockets()).length > 0;
}

/** A room's changes waiting to be announced, and the timer that ends its current window. */
interface Gathering {
  changes: Map<string, boolean>;
  timer: NodeJS.Timeout | null;
}

const gatherings = new WeakMap<Nsp, Map<string, Gathering>>();

function roomsOf(nsp: Nsp): Map<string, Gathering> {
  let rooms = gatherings.get(nsp);
  if (!rooms) {
    rooms = new Map();
    gatherings.set(nsp, rooms);
  }
  return rooms;
}

/** Sends what the room gathered (if anything) and opens a new window; closes the room when quiet. */
function flush(nsp: Nsp, roomId: string): void {
  const rooms = roomsOf(nsp);
  const gathering = rooms.get(roomId);
  if (!gathering) return;
  if (gathering.changes.size === 0) {
    rooms.delete(roomId);
    return;
  }
  const changes = [...gathering.changes].map(([personId, online]) => ({ personId, online }));
  gathering.changes.clear();
  gathering.timer = setTimeout(() => flush(nsp, roomId), PRESENCE_WINDOW_MS);
  gathering.timer.unref();
  const [first, ...more] = changes;
  if (!first) return;
  if (more.length === 0) {
    nsp
      .to(roomChannel(roomId))
      .except(personChannel(first.personId))
      .emit('presence:updated', {
        roomId,
        ...first,
      });
    return;
  }
  nsp.to(roomChannel(roomId)).emit('presence:updated', { roomId, ...first, more });
}

/** Tells the room's other people that the person came online or went away (coalesced, see above). */
export function announcePresence(nsp: Nsp, roomId: string, personId: string, online: boolean): void {
  const rooms = roomsOf(nsp);
  let gathering = rooms.get(roomId);
  if (!gathering) {
    gathering = { changes: new Map(), timer: null };
    rooms.set(roomId, gathering);
  }
  // The latest state counts, placed after the others.
  gathering.changes.delete(personId);
  gathering.changes.set(personId, online);
  if (!gathering.timer) flush(nsp, roomId);
}

/** After a person's socket left a room: announces "away" when it was their last one there. */
export async function announceIfGone(nsp: Nsp, roomId: string, personId: string): Promise<void> {
  if (!(await presentIn(nsp, roomId, personId))) announcePresence(nsp, roomId, personId, false);
}
