/**
 * Public pages and the unauthenticated API: explicitly published CLEAR material only, read as a
 * signed-out visitor whoever asks, without people's names (and without the city under the Chatham
 * House Rule).
 */
import type { z } from 'zod';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { bareContext } from '../../../shared/policy/sharingContext.js';
import type { PageQuery } from '../../../shared/schemas/common.js';
import { findContentByIds, findContentPage } from '../../policy/contentAccess.js';
import { NotFoundError } from '../../errors.js';
import { presentPosts } from './presentPost.js';

const PUBLIC = bareContext(ANONYMOUS);

/** One page of published posts. */
export async function listPublicPosts(query: Pick<z.infer<typeof PageQuery>, 'limit' | 'cursor'>) {
  const page = await findContentPage(PUBLIC, {
    filters: [],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentPosts(PUBLIC, page.items, 'leaves_space'), nextCursor: page.nextCursor };
}

/** One published post. */
export async function getPublicPost(id: string) {
  const [item] = await findContentByIds(PUBLIC, [id]);
  if (!item) throw new NotFoundError('Post');
  const [presented] = await presentPosts(PUBLIC, [item], 'leaves_space');
  if (!presented) throw new Error('presenting failed');
  return presented;
}
