/**
 * The newest messages of a room, read once for the sockets rejoining it close together: after a
 * node restarts, a room's members all come back at once, and each asks what it missed since its own
 * last message. Asks are grouped as db/batchLoader.ts groups reads (those of one turn, then those
 * made while the previous read was on its way); the rooms of a group are read in ONE query, each back
 * to the oldest floor asked for in it, starting after every ask it serves had arrived (so after each
 * of those sockets entered the room's channels: see joinRoom.ts), so each answer is as fresh as a
 * read of its own. The read carries the policy's filter for a member of those rooms (what every
 * person taking part may read); a reader named by a RED message reads those with their own filter.
 */
import type { Types } from 'mongoose';
import type { MessageDoc } from '../../models/Message.js';
import { loadRedAudiences, loadRoomTails } from '../../policy/contentAccess.js';
import { batchQueue } from '../../db/batchLoader.js';
import { groupBy } from '../../../shared/groupBy.js';

/** The most messages one shared read returns; a reader whose floor lies beyond reads on its own. */
export const ROOM_TAIL_LIMIT = 1000;

/**
 * What a rejoining reader gets from the shared read: the room's live messages from their floor on
 * that every person taking part may read, newest first, and whether a RED message of the room names
 * them (they then read those with their own filter); or null when more were stored than one read
 * holds.
 */
export type RoomTail = { items: MessageDoc[]; redNamesReader: boolean } | null;

interface Asker {
  roomId: string;
  personId: string;
  floor: Types.ObjectId;
  resolve: (tail: RoomTail) => void;
  reject: (error: unknown) => void;
}

const hex = (id: unknown) => String(id);

/** The oldest of the askers' floors. */
function lowestFloor(askers: [Asker, ...Asker[]]): Types.ObjectId {
  return askers.reduce((low, a) => (hex(a.floor) < hex(low) ? a.floor : low), askers[0].floor);
}

/** A message read for the askers, with its id and room as text, computed once for all of them. */
interface Read {
  id: string;
  message: MessageDoc;
}

/** The messages of a read by room, newest first, ids as text. */
function byRoomOf(items: MessageDoc[]): Map<string, Read[]> {
  return groupBy(
    items.map((message) => ({ id: hex(message._id), message })),
    (read) => hex(read.message.spaceId),
  );
}

/**
 * Hands each asker its room's part of a read, from its own floor on; or null when the read was
 * `full` and stopped short of that floor (`oldest`: the read's oldest id).
 */
function share(askers: Asker[], reads: Read[], full: boolean, oldest: string, named: Set<string>): void {
  for (const asker of askers) {
    const from = hex(asker.floor);
    if (full && oldest > from) asker.resolve(null);
    else
      asker.resolve({
        items: reads.filter((r) => r.id >= from).map((r) => r.message),
        redNamesReader: named.has(asker.personId),
      });
  }
}

/**
 * Reads the tails of every room asked for in one query; a room that query could not hold in full
 * (more than {@link ROOM_TAIL_LIMIT} messages in all) is read again on its own.
 */
async function serve(byRoom: Map<string, [Asker, ...Asker[]]>): Promise<void> {
  const floors = [...byRoom].map(([roomId, askers]) => ({ spaceId: roomId, floor: lowestFloor(askers) }));
  const [items, named] = await Promise.all([
    loadRoomTails(floors, ROOM_TAIL_LIMIT),
    loadRedAudiences(floors),
  ]);
  const full = items.length === ROOM_TAIL_LIMIT;
  const oldest = hex(items.at(-1)?._id);
  const reads = byRoomOf(items);
  const again: [string, [Asker, ...Asker[]]][] = [];
  for (const { spaceId, floor } of floors) {
    const askers = byRoom.get(spaceId) as [Asker, ...Asker[]];
    // One room: the read was its own. Several: a room whose floor the read reached is whole in it.
    if (byRoom.size === 1) share(askers, reads.get(spaceId) ?? [], full, oldest, named);
    else if (!full || oldest <= hex(floor)) share(askers, reads.get(spaceId) ?? [], false, oldest, named);
    else again.push([spaceId, askers]);
  }
  await Promise.all(
    again.map(async ([roomId, askers]) => {
      const own = await loadRoomTails([{ spaceId: roomId, floor: lowestFloor(askers) }], ROOM_TAIL_LIMIT);
      share(
        askers,
        byRoomOf(own).get(roomId) ?? [],
        own.length === ROOM_TAIL_LIMIT,
        hex(own.at(-1)?._id),
        named,
      );
    }),
  );
}

const enqueue = batchQueue<Asker>(async (askers) => {
  try {
    await serve(groupBy(askers, (asker) => asker.roomId));
  } catch (error) {
    // Those already answered keep their answer (a promise settles once).
    for (const asker of askers) asker.reject(error);
  }
});

/**
 * What a reader `personId` who takes part in room `roomId` missed from `floor` on (read with the
 * other askers close to this one, see {@link RoomTail}), or null when there are more than
 * {@link ROOM_TAIL_LIMIT}: the caller then reads its own page.
 */
export function roomTailSince(roomId: string, personId: string, floor: Types.ObjectId): Promise<RoomTail> {
  return new Promise<RoomTail>((resolve, reject) => enqueue({ roomId, personId, floor, resolve, reject }));
}
