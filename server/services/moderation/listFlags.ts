/**
 * The review queue: flags on posts and room messages in the hubs the actor moderates (`hub=network`
 * for spaces outside any hub), filtered by state, kind and reason. A flagged item's content is shown
 * only when the moderator may read it; otherwise its space, label and the reason, enough to
 * quarantine it without reading it.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel } from '../../../shared/policy/content.js';
import type { QueueFlag, QueueQuery } from '../../../shared/schemas/moderation.js';
import { FlagModel, type FlagDoc } from '../../models/Flag.js';
import { readPage } from '../../db/pagination.js';
import { presentModeratedItems, refKey, type ItemRef } from './presentModeratedItem.js';
import { moderatorContext, queueFilters } from './queueScope.js';

type FlagView = z.infer<typeof QueueFlag>;

/** The item a flag is about. */
export function flagRef(flag: Pick<FlagDoc, 'itemType' | 'postId'>): ItemRef {
  const type = flag.itemType === 'Message' || flag.itemType === 'Document' ? flag.itemType : 'Post';
  return { type, id: String(flag.postId) };
}

/** A flag without its item: reason, note, state and how it was closed. */
export function presentFlagOnly(f: FlagDoc): Omit<FlagView, 'item'> {
  return {
    id: String(f._id),
    reason: f.reason,
    note: f.note ?? null,
    state: f.state,
    createdAt: f.createdAt.toISOString(),
    resolution:
      f.state === 'open' || !f.resolvedAt
        ? null
        : {
            action: f.resolution ?? 'resolve',
            by: f.resolvedByName ?? null,
            at: f.resolvedAt.toISOString(),
            reason: f.resolutionReason ?? null,
          },
  };
}

/** One page of the queue. */
export async function listFlags(actor: Actor, query: z.infer<typeof QueueQuery>) {
  const ctx = await moderatorContext(actor);
  const stored = await readPage<FlagDoc>(FlagModel as never, {
    filters: await queueFilters(ctx, query),
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  const items = await presentModeratedItems(ctx, stored.items.map(flagRef));
  const out: FlagView[] = [];
  for (const f of stored.items) {
    const ref = flagRef(f);
    const item = items.get(refKey(ref)) ?? {
      ...ref,
      space: { slug: 'unknown', name: 'unknown', chathamHouse: true },
      hub: null,
      label: asLabel(null),
      state: 'deleted' as const,
      link: '/moderation',
      movable: false,
      content: null,
      abilities: {
        quarantine: false,
        restore: false,
        raise: false,
        lower: false,
        delete: false,
        move: false,
      },
    };
    out.push({ ...presentFlagOnly(f), item });
  }
  return { items: out, nextCursor: stored.nextCursor };
}
