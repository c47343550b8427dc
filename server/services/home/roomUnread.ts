/**
 * Unread counts of rooms (SHARING.md, "Readings settled": counts count only what the reader may read).
 * A room's unread messages are the messages of others in its main timeline (not thread replies, which
 * are read in their thread) after the reader's read marker, counted through the policy's one road to
 * content with the readable filter kept whole in the query: a RED message outside the reader's
 * audience, a quarantined one or one of a space they left is never counted. Counting stops at
 * {@link UNREAD_CAP}; beyond it the count says `capped`.
 */
import { Types } from 'mongoose';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { ReadMarkerModel } from '../../models/ReadMarker.js';
import { findReadableMatches } from '../../policy/contentAccess.js';

/** The most unread messages counted per room. */
export const UNREAD_CAP = 99;

/** How many rooms are counted at once (each count is one indexed query). */
const PARALLEL_COUNTS = 6;

/** A room's unread count for one reader. */
export interface RoomUnread {
  unread: number;
  unreadCapped: boolean;
}

/** The reader's read markers in `roomIds`: the last message read, by room id. */
async function readMarkers(personId: string, roomIds: string[]): Promise<Map<string, Types.ObjectId>> {
  if (roomIds.length === 0) return new Map();
  const markers = await ReadMarkerModel.find(
    { personId, spaceId: { $in: roomIds } },
    { spaceId: 1, messageId: 1 },
  ).lean();
  return new Map(markers.map((m) => [String(m.spaceId), m.messageId]));
}

/** Counts the readable unread messages of one room after `marker` (all of them without a marker). */
async function countAfter(
  ctx: SharingContext,
  personId: string,
  roomId: string,
  marker: Types.ObjectId | undefined,
): Promise<RoomUnread> {
  const filter: Record<string, unknown> = {
    spaceId: new Types.ObjectId(roomId),
    threadId: null,
    authorId: { $ne: new Types.ObjectId(personId) },
    ...(marker ? { _id: { $gt: marker } } : {}),
  };
  const found = await findReadableMatches<{ _id: Types.ObjectId }>(ctx, 'Message', filter, UNREAD_CAP + 1, {
    _id: 1,
  });
  return { unread: Math.min(found.length, UNREAD_CAP), unreadCapped: found.length > UNREAD_CAP };
}

/**
 * The unread counts of `roomIds` for the context's person, by room id. The caller passes only rooms
 * the person takes part in; any other room counts nothing because its messages are not readable.
 */
export async function unreadByRoom(ctx: SharingContext, roomIds: string[]): Promise<Map<string, RoomUnread>> {
  const out = new Map<string, RoomUnread>();
  if (ctx.actor.kind !== 'person' || roomIds.length === 0) return out;
  const personId = ctx.actor.id;
  const markers = await readMarkers(personId, roomIds);
  for (let start = 0; start < roomIds.length; start += PARALLEL_COUNTS) {
    const batch = roomIds.slice(start, start + PARALLEL_COUNTS);
    const counts = await Promise.all(
      batch.map((roomId) => countAfter(ctx, personId, roomId, markers.get(roomId))),
    );
    batch.forEach((roomId, i) => out.set(roomId, counts[i] as RoomUnread));
  }
  return out;
}
