/**
 * The earlier versions of a topic or reply, newest first: for its author and the moderators of the
 * space's forum, and only while they may read the item itself (history is content too).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumRevisionListQuery } from '../../../shared/schemas/forums.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { InvalidError } from '../errors.js';
import { activeNamesById } from '../lookups.js';
import {
  mayModerateForum,
  readableForumItem,
  requireForumModerator,
  spaceOf,
  type ForumItemKind,
} from './forumAccess.js';

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^r([0-9]{1,4})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new InvalidError('The cursor is not one this list returned.', [
      { path: 'cursor', message: 'not a valid cursor' },
    ]);
  return Number(match[1]);
}

/** One page of revisions. */
export async function listRevisions(
  actor: Actor,
  id: string,
  kind: ForumItemKind,
  query: z.infer<typeof ForumRevisionListQuery>,
) {
  const ctx = await loadSharingContext(actor);
  const item = await readableForumItem(ctx, id, kind);
  const own = actor.kind === 'person' && actor.id === String(item.authorId);
  const space = await spaceOf(item);
  if (!own && !mayModerateForum(ctx, space)) await requireForumModerator(ctx, space);
  const newestFirst = [...item.revisions].reverse();
  const offset = decodeOffset(query.cursor);
  const page = newestFirst.slice(offset, offset + query.limit);
  const names = await activeNamesById(page.map((r) => r.byId).filter((b) => b !== null && b !== undefined));
  const next = offset + query.limit;
  return {
    items: page.map((r) => ({
      at: r.at.toISOString(),
      title: r.title ?? null,
      body: r.body,
      by: r.byId ? { id: String(r.byId), name: names.get(String(r.byId)) ?? '(former member)' } : null,
    })),
    nextCursor: next < newestFirst.length ? Buffer.from(`r${next}`).toString('base64url') : null,
  };
}
