/**
 * Adds a person to a space (or changes their role), idempotently: one membership document per
 * (space, person), re-opened when they rejoin. Leaders-only peer rooms admit mayors and leaders only.
 */
import { isInvitableKind, type SpaceKind } from '../../../shared/policy/spaces.js';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { isLeader } from '../../../shared/policy/spaces.js';
import type { SpaceMemberAdd } from '../../../shared/schemas/spaces.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { InvalidError, isDuplicateKey } from '../../errors.js';
import { listSpaceMembers } from './listSpaceMembers.js';
import { visibleSpace } from './spaceLookups.js';

/** Adds the member and returns the explicit member list's first page. */
export async function addSpaceMember(actor: Actor, slug: string, input: z.infer<typeof SpaceMemberAdd>) {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  await authorizeSharing(ctx, 'manageMembers', 'Space', space);
  if (space.kind === 'direct')
    throw new InvalidError('A direct conversation has exactly two people.', [
      { path: 'person', message: 'not in a direct conversation' },
    ]);
  if (!isInvitableKind(space.kind as SpaceKind))
    throw new InvalidError(
      'The people of an expert request or a library draft come from its own steps (asking, accepting an offer), never added by hand.',
      [{ path: 'person', message: 'not added by hand here' }],
    );
  const person = await PersonModel.findOne({ _id: input.person, status: 'active' }, { roles: 1 }).lean();
  if (!person)
    throw new InvalidError('There is no active person with that id.', [
      { path: 'person', message: 'unknown' },
    ]);
  if (space.leadersOnly && !isLeader(person.roles))
    throw new InvalidError('This peer room admits mayors and city leaders only.', [
      { path: 'person', message: 'not a mayor or city leader' },
    ]);
  const now = new Date();
  // The entry is stored with the membership (server/audit/auditOutbox.ts): the upsert below is the
  // write that makes the person a member with this role, so it carries it.
  const audit = auditOutboxItem(
    actor,
    'space.member_added',
    { type: 'Space', id: String(space._id), label: slug },
    {
      person: input.person,
      role: input.role,
    },
  );
  await SpaceMembershipModel.updateOne(
    { spaceId: space._id, personId: person._id, leftAt: { $ne: null } },
    { $set: { joinedAt: now, leftAt: null, role: input.role } },
  );
  const filter = { spaceId: space._id, personId: person._id };
  const update = {
    $set: { role: input.role },
    $setOnInsert: { joinedAt: now, leftAt: null },
    ...auditOutboxPush(audit),
  };
  try {
    await SpaceMembershipModel.updateOne(filter, update, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // A concurrent add inserted it first: the membership exists now, so the update applies.
    await SpaceMembershipModel.updateOne(filter, update);
  }
  const membership = await SpaceMembershipModel.findOne(filter, { _id: 1 }).lean();
  if (membership) await flushAuditOutbox(SpaceMembershipModel as never, membership._id);
  emitMembershipEvent({ spaceId: String(space._id), personId: input.person, change: 'joined' });
  return listSpaceMembers(actor, slug, { limit: 100, cursor: undefined });
}
