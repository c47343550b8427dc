/** Leaves a space one joined explicitly. Derived membership (hub, city, committee) cannot be left. */
import type { Actor } from '../../../shared/policy/actor.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { ConflictError, UnauthenticatedError } from '../../errors.js';
import { visibleSpace } from './spaceLookups.js';

/** Ends the actor's explicit membership. */
export async function leaveSpace(actor: Actor, slug: string): Promise<{ left: boolean }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  // The membership ends with its entry (server/audit/auditOutbox.ts); it is kept, so it carries it.
  const result = await SpaceMembershipModel.updateOne(
    { spaceId: space._id, personId: actor.id, leftAt: null },
    {
      $set: { leftAt: new Date() },
      ...auditOutboxPush(
        auditOutboxItem(actor, 'space.left', { type: 'Space', id: String(space._id), label: slug }),
      ),
    },
  );
  if (result.modifiedCount === 0)
    throw new ConflictError(
      'You are not an explicit member of this space; membership through your city, hub or role cannot be left.',
    );
  const left = await SpaceMembershipModel.findOne(
    { spaceId: space._id, personId: actor.id },
    { _id: 1 },
  ).lean();
  if (left) await flushAuditOutbox(SpaceMembershipModel as never, left._id);
  emitMembershipEvent({ spaceId: String(space._id), personId: actor.id, change: 'left' });
  return { left: true };
}
