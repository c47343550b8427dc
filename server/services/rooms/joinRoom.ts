/**
 * Joins a room: authorises the person now and, with `lastSeenId`, answers what they missed: the
 * messages after that id (with a few seconds' overlap, see {@link MISSED_OVERLAP_SECONDS}) they may see now (the policy filter is in the query, so quarantined and
 * deleted messages, and RED messages sent before they joined, are excluded), oldest first. Beyond
 * {@link MISSED_CAP} it answers the newest ones with `more: true`: the client pages older history.
 */
import type { z } from 'zod';
import type { MessageDelivery, RoomSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RoomJoin } from '../../../shared/schemas/rooms.js';
import { Types } from 'mongoose';
import type { MessageDoc } from '../../models/Message.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { presentMessages } from './presentMessage.js';
import { roomAbilities, takesPart } from '../../policy/authorizer.js';
import { authorizeRoom, presentRoom, type RoomGrant } from './roomAccess.js';
import { roomTailSince, type RoomTail } from './roomTail.js';

/** The most missed messages one join returns. */
export const MISSED_CAP = 200;

/**
 * How far before the last seen message the missed list reaches back. Message ids are ordered only to
 * the second across nodes, and a message may be stored a moment after one with a later id; so the
 * answer overlaps by this margin and clients merge by id (a repeat is harmless, a gap is not).
 */
export const MISSED_OVERLAP_SECONDS = 5;

/** The lowest id that may have been stored after `lastSeenId` was seen. */
export function missedFloor(lastSeenId: string): Types.ObjectId {
  const seenAt = new Types.ObjectId(lastSeenId).getTimestamp().getTime() / 1000;
  return Types.ObjectId.createFromTime(Math.max(0, Math.floor(seenAt) - MISSED_OVERLAP_SECONDS));
}

/** What a join answers, with the grant the socket keeps. */
export interface JoinedRoom {
  grant: RoomGrant;
  room: RoomSummary;
  missed: MessageDelivery[];
  more: boolean;
}

/** A join's first step: the person may join the room now (the grant) and the room as they see it. */
export async function authorizeJoin(
  actor: Actor,
  roomId: string,
): Promise<{ grant: RoomGrant; room: RoomSummary }> {
  const grant = await authorizeRoom(actor, roomId);
  return { grant, room: presentRoom(grant.space, grant.role, roomAbilities(grant.ctx, grant.space)) };
}

/**
 * A join's second step: what was missed since `lastSeenId` (nothing without one). A socket reads this
 * only after it is in the room's channels, so every message is in this answer or delivered live
 * (or both: clients merge by id); read before, a message stored in between would be in neither.
 * The rooms' newest messages that every member may read are read once for the sockets rejoining
 * them together, with the policy's filter for a member in the query (roomTail.ts); a reader named by
 * a RED message reads those with their own filter, and one who missed more than the shared read
 * holds pages through their own readable query.
 */
export async function missedSince(
  grant: RoomGrant,
  lastSeenId: string | undefined,
): Promise<{ missed: MessageDelivery[]; more: boolean }> {
  if (!lastSeenId) return { missed: [], more: false };
  const floor = missedFloor(lastSeenId);
  const roomId = String(grant.space._id);
  // The shared read serves people who take part in the room (a grant says so; checked again here).
  const tail = takesPart(grant.ctx, roomId) ? await roomTailSince(roomId, grant.actor.id, floor) : null;
  const { items, more } = tail
    ? await withOwnRed(grant, tail, floor, lastSeenId)
    : await missedByQuery(grant, floor, lastSeenId);
  // The newest ones when more were missed than one answer holds; older ones are read as history.
  items.reverse();
  await recordSensitiveAccess(grant.ctx, items, 'view', 'socket.missed', 'Message');
  return { missed: await presentMessages(grant.ctx, items), more };
}

/**
 * The reader's answer from the shared read: what every member may read, with the RED messages that
 * name them (read with their own filter) when there are any; the newest {@link MISSED_CAP}, newest
 * first.
 */
async function withOwnRed(
  grant: RoomGrant,
  tail: NonNullable<RoomTail>,
  floor: Types.ObjectId,
  lastSeenId: string,
): Promise<{ items: MessageDoc[]; more: boolean }> {
  const shared = tail.items.filter((message) => String(message._id) !== lastSeenId);
  if (!tail.redNamesReader) return { items: shared.slice(0, MISSED_CAP), more: shared.length > MISSED_CAP };
  const red = await missedByQuery(grant, floor, lastSeenId, { label: 'RED' });
  const merged = [...shared, ...red.items].sort((a, b) => (String(a._id) < String(b._id) ? 1 : -1));
  return { items: merged.slice(0, MISSED_CAP), more: red.more || merged.length > MISSED_CAP };
}

/** The reader's own page of what they missed, through the readable query, newest first. */
async function missedByQuery(
  grant: RoomGrant,
  floor: Types.ObjectId,
  lastSeenId: string,
  only: Record<string, unknown> = {},
): Promise<{ items: MessageDoc[]; more: boolean }> {
  const page = await findContentPage(grant.ctx, {
    type: 'Message',
    filters: [
      { spaceId: grant.space._id, ...only },
      { _id: { $gte: floor, $ne: new Types.ObjectId(lastSeenId) } },
    ],
    sortField: '_id',
    direction: 'desc',
    limit: MISSED_CAP,
    cursor: undefined,
  });
  return { items: page.items, more: page.nextCursor !== null };
}

/** Authorises the join and collects the missed messages (both steps, for callers with no channels). */
export async function joinRoom(actor: Actor, input: z.infer<typeof RoomJoin>): Promise<JoinedRoom> {
  const { grant, room } = await authorizeJoin(actor, input.roomId);
  return { grant, room, ...(await missedSince(grant, input.lastSeenId)) };
}
