/**
 * Joins a room: authorises the person now and, with `lastSeenId`, answers what they missed: the
 * messages after that id they may see now (the policy filter is in the query, so quarantined and
 * deleted messages, and RED messages sent before they joined, are excluded), oldest first, capped at
 * {@link MISSED_CAP} with `more: true` beyond.
 */
import type { z } from 'zod';
import type { MessageDelivery, RoomSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RoomJoin } from '../../../shared/schemas/rooms.js';
import { Types } from 'mongoose';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { presentMessages } from './presentMessage.js';
import { authorizeRoom, presentRoom, type RoomGrant } from './roomAccess.js';

/** The most missed messages one join returns. */
export const MISSED_CAP = 200;

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
  const room = presentRoom(grant.space, grant.role);
  if (!input.lastSeenId) return { grant, room, missed: [], more: false };
  const page = await findContentPage(grant.ctx, {
    type: 'Message',
    filters: [{ spaceId: grant.space._id }, { _id: { $gt: new Types.ObjectId(input.lastSeenId) } }],
    sortField: '_id',
    limit: MISSED_CAP,
    cursor: undefined,
  });
  await recordSensitiveAccess(grant.ctx, page.items, 'view', 'socket.missed', 'Message');
  return { grant, room, missed: await presentMessages(page.items), more: page.nextCursor !== null };
}
