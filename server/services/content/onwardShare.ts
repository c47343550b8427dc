/**
 * The kernel's one check of an onward share (SHARING.md, "Onward sharing"), for every type that is
 * shared into another space (a post's copy, a document's copy): the sharer reads the item and may share
 * it (RED goes nowhere), may create such an item in the destination, the destination passes the
 * onward-sharing table with the sharer's city as "own city", and the label fits under its ceiling.
 * Refusals are audited and worded the same for every type.
 */
import { ONWARD_SHARING } from '../../../shared/policy/labels.js';
import { asLabel, ceilingRefusal, onwardAllowed, type ContentType } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { allows } from '../../policy/authorizer.js';
import { authorizeSharing, canShare, sharingFilter } from '../../policy/sharingAccess.js';
import { ForbiddenError } from '../../errors.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { requireWithinCeiling } from './ceiling.js';

const WHY: Record<string, string> = {
  own_city_or_partners:
    "AMBER material may go only to your own city's space or your city's space with its local partners.",
  own_city_internal: "AMBER+STRICT material may go only to your own city's internal space.",
  nowhere: 'RED material may not be shared onward.',
};

/** What an onward share needs of the item. */
export interface SharedItem {
  _id: unknown;
  label: string;
}

/** Checks that the actor may share `item` of `type` into the space `to`; returns the destination. */
export async function requireOnwardShare(
  ctx: SharingContext,
  type: ContentType,
  item: SharedItem,
  to: string,
): Promise<SpaceDoc> {
  const subject = item as unknown as Record<string, unknown>;
  const id = String(item._id);
  await authorizeSharing(ctx, 'read', type, subject, { hide: type });
  const rule = ONWARD_SHARING[asLabel(item.label)];
  if (!canShare(ctx, 'share', type, subject)) {
    await authorizeSharing(ctx, 'share', type, subject).catch(() => undefined);
    throw new ForbiddenError(WHY[rule] ?? 'You may not share this material onward.');
  }
  const destination = await visibleSpace(ctx, to);
  await authorizeSharing(ctx, 'create', type, { _id: null, spaceId: destination._id, label: item.label });
  const facts = { kind: destination.kind, cityId: destination.cityId ? String(destination.cityId) : null };
  if (!onwardAllowed(asLabel(item.label), facts, ctx.cityId)) {
    await recordAudit(ctx.actor, 'authz.refused', { type, id }, { action: 'share', to });
    throw new ForbiddenError(WHY[rule] ?? 'The sharing rules do not allow this destination.');
  }
  requireWithinCeiling(asLabel(item.label), destination, 'to');
  return destination;
}

/** The most spaces offered as destinations (a person takes part in far fewer). */
const MAX_DESTINATIONS = 200;

/**
 * The spaces the actor may share `item` into, by name: spaces they take part in, other than the
 * item's, that pass the onward-sharing table and hold its label under their ceiling (none for RED or
 * for an item the actor may not share). What the form offers; the share itself checks again.
 */
export async function onwardDestinations(
  ctx: SharingContext,
  type: ContentType,
  item: SharedItem & { spaceId: unknown },
): Promise<SpaceDoc[]> {
  if (!canShare(ctx, 'share', type, item as unknown as Record<string, unknown>)) return [];
  const label = asLabel(item.label);
  const spaces = (await SpaceModel.find(sharingFilter(ctx, 'participate', 'Space'))
    .sort({ name: 1 })
    .limit(MAX_DESTINATIONS)
    .lean()) as SpaceDoc[];
  return spaces.filter(
    (space) =>
      String(space._id) !== String(item.spaceId) &&
      onwardAllowed(
        label,
        { kind: space.kind, cityId: space.cityId ? String(space.cityId) : null },
        ctx.cityId,
      ) &&
      !ceilingRefusal(label, space.ceiling as Label, space.name) &&
      allows(ctx, 'create', type, { _id: null, spaceId: space._id, label }),
  );
}
