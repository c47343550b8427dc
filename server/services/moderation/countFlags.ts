/**
 * The queue's counts for one moderator: flags by state and open flags by reason, within what the
 * policy lets them see (the same filter as the queue, so a count never reveals a flag they could not list).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { QueueCounts, QueueCountsQuery } from '../../../shared/schemas/moderation.js';
import { FLAG_STATES } from '../../../shared/schemas/moderation.js';
import { FLAG_REASONS } from '../../../shared/schemas/posts.js';
import { FlagModel } from '../../models/Flag.js';
import { moderatorContext, queueFilters } from './queueScope.js';

async function count(filters: Record<string, unknown>[]): Promise<number> {
  return FlagModel.countDocuments({ $and: filters } as never);
}

/** Counts flags by state, and open ones by reason. */
export async function countFlags(
  actor: Actor,
  query: z.infer<typeof QueueCountsQuery>,
): Promise<z.infer<typeof QueueCounts>> {
  const ctx = await moderatorContext(actor);
  const [states, reasons] = await Promise.all([
    Promise.all(FLAG_STATES.map(async (state) => count(await queueFilters(ctx, { ...query, state })))),
    Promise.all(
      FLAG_REASONS.map(async (reason) => count(await queueFilters(ctx, { ...query, state: 'open', reason }))),
    ),
  ]);
  const [open = 0, resolved = 0, dismissed = 0] = states;
  const openByReason: Record<string, number> = {};
  FLAG_REASONS.forEach((reason, i) => {
    if ((reasons[i] ?? 0) > 0) openByReason[reason] = reasons[i] ?? 0;
  });
  return { byState: { open, resolved, dismissed }, openByReason };
}
