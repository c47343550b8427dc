/**
 * The review queue: flags of the hubs the actor moderates (`hub=network` for spaces outside any hub).
 * A flagged item's content is shown only when the moderator may read it; otherwise its space, label
 * and the reason, enough to quarantine it without reading it.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { STRICTEST } from '../../../shared/policy/labels.js';
import type { Flag, FlagQueueQuery } from '../../../shared/schemas/posts.js';
import { FlagModel, type FlagDoc } from '../../models/Flag.js';
import { findContentByIds, loadContentMeta } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, sharingFilter } from '../../policy/sharingAccess.js';
import { hubBySlug, hubSlugsById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { presentPosts } from '../posts/presentPost.js';
import { spacesById } from '../spaces/spaceLookups.js';

/** One page of the queue. */
export async function listFlags(actor: Actor, query: z.infer<typeof FlagQueueQuery>) {
  const ctx = await loadSharingContext(actor);
  await authorizeSharing(ctx, 'read', 'Flag', undefined);
  const filter: Record<string, unknown> = { state: query.state };
  if (query.hub === 'network') filter.spaceHubId = null;
  else if (query.hub) {
    const hub = await hubBySlug(query.hub);
    if (!hub) return { items: [], nextCursor: null };
    filter.spaceHubId = hub._id;
  }
  const stored = await readPage<FlagDoc>(FlagModel as never, {
    filters: [sharingFilter(ctx, 'read', 'Flag'), filter],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  const postIds = stored.items.map((f) => f.postId);
  const [meta, readable] = await Promise.all([loadContentMeta(postIds), findContentByIds(ctx, postIds)]);
  const metaById = new Map(meta.map((m) => [String(m._id), m]));
  const presented = new Map((await presentPosts(ctx, readable)).map((p) => [p.id, p]));
  const [spaces, hubs] = await Promise.all([
    spacesById(meta.map((m) => m.spaceId)),
    hubSlugsById(stored.items.map((f) => f.spaceHubId)),
  ]);
  const items: z.infer<typeof Flag>[] = stored.items.map((f) => {
    const m = metaById.get(String(f.postId));
    const space = m ? spaces.get(String(m.spaceId)) : undefined;
    return {
      id: String(f._id),
      post: String(f.postId),
      space: { slug: space?.slug ?? 'unknown', name: space?.name ?? 'unknown' },
      hub: f.spaceHubId ? (hubs.get(String(f.spaceHubId)) ?? null) : null,
      label: m?.label ?? STRICTEST,
      reason: f.reason,
      note: f.note ?? null,
      state: f.state,
      createdAt: f.createdAt.toISOString(),
      item: presented.get(String(f.postId)) ?? null,
    };
  });
  return { items, nextCursor: stored.nextCursor };
}
