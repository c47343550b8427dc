/**
 * A room's history by cursor, newest page first (items oldest first inside a page), filtered by the
 * policy in the query itself: the same service answers `message:history` and
 * `GET /api/v1/rooms/:room/messages`. Without `threadId` the room's top-level messages; with it, the
 * thread's replies.
 */
import type { MessagePage } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { Types } from 'mongoose';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { presentMessages } from './presentMessage.js';
import { authorizeRoom, type RoomGrant } from './roomAccess.js';

/** What a history request asks for. */
export interface HistoryRequest {
  roomId: string;
  before?: string | undefined;
  threadId?: string | undefined;
  limit?: number | undefined;
}

/** One page of the room's history the person may see now. */
export async function readHistory(
  actor: Actor,
  input: HistoryRequest,
  known?: RoomGrant,
): Promise<MessagePage> {
  const grant = known ?? (await authorizeRoom(actor, input.roomId));
  const page = await findContentPage(grant.ctx, {
    type: 'Message',
    filters: [
      { spaceId: grant.space._id },
      { threadId: input.threadId ? new Types.ObjectId(input.threadId) : null },
    ],
    sortField: '_id',
    direction: 'desc',
    limit: input.limit ?? 50,
    cursor: input.before,
  });
  const items = page.items.reverse();
  await recordSensitiveAccess(grant.ctx, items, 'view', 'room.history', 'Message');
  return { items: await presentMessages(grant.ctx, items), before: page.nextCursor };
}
