/**
 * Searches posts by normalised tokens through the token index, with the policy filter in the query
 * itself. No totals, facets or "N more": only a page and a cursor, so nothing leaks through counts.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SearchQuery } from '../../../shared/schemas/posts.js';
import { searchTokens } from '../../../shared/search/tokens.js';
import { findContentPage, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { presentPosts } from './presentPost.js';

/** One page of matching posts the actor may read. */
export async function searchPosts(actor: Actor, query: z.infer<typeof SearchQuery>) {
  const tokens = searchTokens(query.q).slice(0, 10);
  if (tokens.length === 0) return { items: [], nextCursor: null };
  const ctx = await loadSharingContext(actor);
  const page = await findContentPage(ctx, {
    filters: [{ tokens: { $all: tokens } }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  await recordSensitiveAccess(ctx, page.items, 'view', 'search');
  return { items: await presentPosts(ctx, page.items), nextCursor: page.nextCursor };
}
