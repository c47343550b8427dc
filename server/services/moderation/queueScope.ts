/**
 * The part of the flags collection one moderator may see (the policy's `read Flag` filter: every
 * queue for global moderators, their hubs' for hub coordinators), narrowed by the console's filters.
 * Refuses people who moderate nowhere.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, MATCH_NOTHING, sharingFilter } from '../../policy/sharingAccess.js';
import { hubBySlug } from '../lookups.js';

/** The console's filters of the flags. */
export interface QueueFilters {
  hub?: string | undefined;
  kind?: ContentType | undefined;
  state?: string | undefined;
  reason?: string | undefined;
}

/** The moderator's loaded context, refused unless the policy lets them read some queue. */
export async function moderatorContext(actor: Actor): Promise<SharingContext> {
  const ctx = await loadSharingContext(actor);
  await authorizeSharing(ctx, 'read', 'Flag', undefined);
  return ctx;
}

/** The item-type condition (flags stored before item types are posts). */
function kindCondition(kind: ContentType): Record<string, unknown> {
  return kind === 'Post' ? { itemType: { $in: ['Post', null] } } : { itemType: kind };
}

/** The filters (to combine under `$and`) of the flags the moderator may see, narrowed as asked. */
export async function queueFilters(ctx: SharingContext, filters: QueueFilters) {
  const narrowed: Record<string, unknown> = {};
  if (filters.state) narrowed.state = filters.state;
  if (filters.reason) narrowed.reason = filters.reason;
  if (filters.hub === 'network') narrowed.spaceHubId = null;
  else if (filters.hub) {
    const hub = await hubBySlug(filters.hub);
    if (!hub) return [MATCH_NOTHING];
    narrowed.spaceHubId = hub._id;
  }
  const kind = filters.kind ? kindCondition(filters.kind) : {};
  return [sharingFilter(ctx, 'read', 'Flag'), narrowed, kind];
}
