/**
 * GET /search/posts (kept for existing clients): the posts of the general search road
 * (server/services/search/findMatches.ts: token index, policy filter in the query, ranking), shown
 * as full posts. No totals, facets or "N more": only a page and a cursor. Under the Chatham House
 * Rule the results carry no author name or city, for members too (SHARING.md, "Readings settled").
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SearchQuery } from '../../../shared/schemas/posts.js';
import { findContentByIds, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { findMatches } from '../search/findMatches.js';
import { presentPosts } from './presentPost.js';

/** One ranked page of matching posts the actor may read. */
export async function searchPosts(actor: Actor, query: z.infer<typeof SearchQuery>) {
  const ctx = await loadSharingContext(actor);
  const { items, nextCursor } = await findMatches(ctx, {
    q: query.q,
    language: query.language,
    types: ['post'],
    cursor: query.cursor,
    limit: query.limit,
  });
  // Full posts are loaded again through the readable filter, then put back in ranked order.
  const ids = items.map((m) => String(m.doc._id));
  const byId = new Map((await findContentByIds(ctx, ids)).map((p) => [String(p._id), p]));
  const posts = ids.flatMap((id) => byId.get(id) ?? []);
  await recordSensitiveAccess(ctx, posts, 'view', 'search');
  // Search results are outside the space's own pages: no Chatham House author, even for members.
  return { items: await presentPosts(ctx, posts, 'leaves_space'), nextCursor };
}
