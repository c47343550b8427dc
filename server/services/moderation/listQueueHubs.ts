/**
 * The queues one moderator works: each hub whose flags the policy lets them read, and the network
 * queue (spaces outside any hub) when it does. The console offers these as its hub filter.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { QueueHubs } from '../../../shared/schemas/moderation.js';
import { HubModel } from '../../models/Hub.js';
import { allows } from '../../policy/authorizer.js';
import { moderatorContext } from './queueScope.js';

/** The moderator's queues. */
export async function listQueueHubs(actor: Actor): Promise<z.infer<typeof QueueHubs>> {
  const ctx = await moderatorContext(actor);
  const hubs = await HubModel.find({}, { slug: 1, name: 1 }).sort({ slug: 1 }).lean();
  return {
    hubs: hubs
      .filter((h) => allows(ctx, 'read', 'Flag', { _id: null, spaceHubId: String(h._id) }))
      .map((h) => ({ slug: h.slug, name: h.name as z.infer<typeof QueueHubs>['hubs'][number]['name'] })),
    network: allows(ctx, 'read', 'Flag', { _id: null, spaceHubId: null }),
  };
}
