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
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { presentMessages } from './presentMessage.js';
import { roomAbilities } from '../../policy/authorizer.js';
import { authorizeRoom, presentRoom, type RoomGrant } from './roomAccess.js';

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

/** Authorises the join and collects the missed messages. */
export async function joinRoom(actor: Actor, input: z.infer<typeof RoomJoin>): Promise<JoinedRoom> {
  const grant = await authorizeRoom(actor, input.roomId);
  const room = presentRoom(grant.space, grant.role, roomAbilities(grant.ctx, grant.space));
  if (!input.lastSeenId) return { grant, room, missed: [], more: false };
  const page = await findContentPage(grant.ctx, {
    type: 'Message',
    filters: [
      { spaceId: grant.space._id },
      { _id: { $gte: missedFloor(input.lastSeenId), $ne: new Types.ObjectId(input.lastSeenId) } },
    ],
    sortField: '_id',
    direction: 'desc',
    limit: MISSED_CAP,
    cursor: undefined,
  });
  // The newest ones when more were missed than one answer holds; older ones are read as history.
  page.items.reverse();
  await recordSensitiveAccess(grant.ctx, page.items, 'view', 'socket.missed', 'Message');
  return {
    grant,
    room,
    missed: await presentMessages(grant.ctx, page.items),
    more: page.nextCursor !== null,
  };
}
