/**
 * Whether a person can be invited to (or join through an invitation) a space, asked of the policy
 * for that person: do they take part already, and would they take part with the membership added
 * (leaders-only rooms, cities that are not members now). Refusals carry a stable reason.
 */
import type { PersonActor } from '../../../shared/policy/actor.js';
import { invitationRefusal } from '../../../shared/policy/spaces.js';
import type { SpaceDoc } from '../../models/Space.js';
import { allows, takesPart } from '../../policy/authorizer.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { loadActivePersonActor } from '../../policy/personActor.js';
import { InvalidError } from '../../errors.js';

/** The English words of each refusal (the client says them in the reader's language from the reason). */
const WORDS: Record<NonNullable<ReturnType<typeof invitationRefusal>>, string> = {
  already_member: 'takes part in this space already.',
  invitee_not_leader: 'cannot be invited: this peer room admits mayors and city leaders only.',
  invitee_cannot_take_part: 'cannot take part in this space (their city is not a member now).',
};

/** The invitee's standing: null when they may join, else the refusal reason. */
export async function invitationRefusalFor(space: SpaceDoc, invitee: PersonActor) {
  const ctx = await loadSharingContext(invitee);
  const id = String(space._id);
  const withMembership = { ...ctx, explicitSpaceIds: [...ctx.explicitSpaceIds, id] };
  return invitationRefusal(space, {
    roles: invitee.roles,
    takesPart: takesPart(ctx, id),
    wouldTakePart: allows(
      withMembership,
      'participate',
      'Space',
      space as unknown as Record<string, unknown>,
    ),
  });
}

/** The active person with this id, or a clear "no such person" refusal. */
export async function requireInvitee(personId: string): Promise<PersonActor> {
  const invitee = await loadActivePersonActor(personId);
  if (!invitee)
    throw new InvalidError(
      'There is no active person with that id.',
      [{ path: 'person', message: 'unknown' }],
      { reason: 'invitee_unknown' },
    );
  return invitee;
}

/** Throws the refusal (400, with its reason, the person's and the space's names) unless they may join. */
export async function requireInvitable(space: SpaceDoc, invitee: PersonActor): Promise<void> {
  const refusal = await invitationRefusalFor(space, invitee);
  if (!refusal) return;
  throw new InvalidError(`${invitee.name} ${WORDS[refusal]}`, [{ path: 'person', message: refusal }], {
    reason: refusal,
    params: { person: invitee.name, space: space.name },
  });
}
