/**
 * The one road for sharing-policy checks in services: per-item decisions, refusals recorded in the
 * audit log, and query filters (`accessibleBy`) for lists, to be combined with other filters by `$and`.
 */
import { accessibleBy } from '@casl/mongoose';
import type { SharingAction, SharingSubjectType } from '../../shared/policy/sharing.js';
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { recordAudit } from '../audit/recordAudit.js';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors.js';
import { allows, sharingAbilityOf } from './authorizer.js';

/** A filter that matches nothing, for actors without any rule for an action. */
export const MATCH_NOTHING: Record<string, unknown> = { _id: { $in: [] } };

/** Whether the actor may act on the item (or the type); optionally on one field (the authorizer's). */
export function canShare(
  ctx: SharingContext,
  action: SharingAction,
  type: SharingSubjectType,
  doc?: Record<string, unknown>,
  field?: string,
): boolean {
  return allows(ctx, action, type, doc, field);
}

/**
 * Throws unless the actor may act, recording the refusal. `hide` answers "not found" instead of
 * "forbidden", for items whose existence the actor may not learn.
 */
export async function authorizeSharing(
  ctx: SharingContext,
  action: SharingAction,
  type: SharingSubjectType,
  doc: Record<string, unknown> | undefined,
  options: { field?: string; hide?: string } = {},
): Promise<void> {
  if (canShare(ctx, action, type, doc, options.field)) return;
  await recordAudit(ctx.actor, 'authz.refused', doc ? { type, id: String(doc._id) } : { type }, {
    action,
    field: options.field ?? null,
  });
  if (options.hide) throw new NotFoundError(options.hide);
  if (ctx.actor.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError();
}

/** The MongoDB filter of what the actor may `action` on `type`. */
export function sharingFilter(
  ctx: SharingContext,
  action: SharingAction,
  type: SharingSubjectType,
): Record<string, unknown> {
  const ability = sharingAbilityOf(ctx);
  if (!ability.can(action, type)) return MATCH_NOTHING;
  return accessibleBy(ability, action).ofType(type) as Record<string, unknown>;
}
