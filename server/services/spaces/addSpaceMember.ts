/**
 * Adds a person to a space (or changes their role), idempotently: one membership document per
 * (space, person), re-opened when they rejoin. Leaders-only peer rooms admit mayors and leaders only.
 */
import { isInvitableKind, type SpaceKind } from '../../../shared/policy/spaces.js';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { isLeader } from '../../../shared/policy/spaces.js';
import type { SpaceMemberAdd } from '../../../shared/schemas/spaces.js';
import { recordAudit } from '../../audit/recordAudit.js';
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
  await SpaceMembershipModel.updateOne(
    { spaceId: space._id, personId: person._id, leftAt: { $ne: null } },
    { $set: { joinedAt: now, leftAt: null, role: input.role } },
  );
  try {
    await SpaceMembershipModel.updateOne(
      { spaceId: space._id, personId: person._id },
      { $set: { role: input.role }, $setOnInsert: { joinedAt: now, leftAt: null } },
      { upsert: true },
    );
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  await recordAudit(
    actor,
    'space.member_added',
    { type: 'Space', id: String(space._id), label: slug },
    {
      person: input.person,
      role: input.role,
    },
  );
  emitMembershipEvent({ spaceId: String(space._id), personId: input.person, change: 'joined' });
  return listSpaceMembers(actor, slug, { limit: 100, cursor: undefined });
}
