/**
 * The earlier versions of a topic or reply, newest first: for its author and the moderators of the
 * space's forum, and only while they may read the item itself (history is content too).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ForumRevisionListQuery } from '../../../shared/schemas/forums.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { activeNamesById } from '../lookups.js';
import { pageOfList } from '../../db/pagination.js';
import {
  mayModerateForum,
  readableForumItem,
  requireForumModerator,
  spaceOf,
  type ForumItemKind,
} from './forumAccess.js';

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
  const page = pageOfList([...item.revisions].reverse(), query.cursor, query.limit);
  const names = await activeNamesById(
    page.items.map((r) => r.byId).filter((b) => b !== null && b !== undefined),
  );
  return {
    items: page.items.map((r) => ({
      at: r.at.toISOString(),
      title: r.title ?? null,
      body: r.body,
      by: r.byId ? { id: String(r.byId), name: names.get(String(r.byId)) ?? null } : null,
    })),
    nextCursor: page.nextCursor,
  };
}
