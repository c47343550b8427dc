/**
 * The former bodies of a room message, newest first: for its author and the room's moderators (those
 * who moderate the space: its owners and moderators, the hub's coordinators, global moderators), and
 * only while they may read the message itself (history is content too), as for forum revisions.
 * Everyone else is answered "not found", so the history reveals nothing, not even that it exists.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageEditListQuery } from '../../../shared/schemas/rooms.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { spaceOf } from '../forums/forumAccess.js';
import { pageOfList } from '../../db/pagination.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';

/** One page of the message's earlier bodies. */
export async function listMessageEdits(
  actor: Actor,
  id: string,
  query: z.infer<typeof MessageEditListQuery>,
) {
  const ctx = await loadSharingContext(actor);
  const item = await loadMessageFor(ctx, id);
  await authorizeSharing(ctx, 'read', 'Message', messageSubject(item), { hide: 'Message' });
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  if (!own) {
    const room = await spaceOf(item);
    await authorizeSharing(ctx, 'moderateForum', 'Space', room as unknown as Record<string, unknown>, {
      hide: 'Message',
    });
  }
  const page = pageOfList([...item.edits].reverse(), query.cursor, query.limit);
  return {
    items: page.items.map((e) => ({ at: e.at.toISOString(), body: e.body })),
    nextCursor: page.nextCursor,
  };
}
