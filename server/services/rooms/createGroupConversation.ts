/**
 * A group conversation: a room of 3 to 20 people (the one who starts it included), made as a space of
 * kind `direct` (invite-only, explicit members, RED ceiling and AMBER default as DIRECT_ROOM) under a
 * fresh `group-…` slug, so the rooms list shows it by its name among the conversations. Each of the
 * others must be an active person the starter may see in the directory; the sizes are said with the
 * reason `group_size` and its bounds.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { RoomSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { DIRECT_ROOM, GROUP_CONVERSATION } from '../../../shared/policy/spaces.js';
import type { GroupConversationCreate } from '../../../shared/schemas/spaces.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { can } from '../../policy/authorize.js';
import { roomAbilities } from '../../policy/authorizer.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { InvalidError } from '../../errors.js';
import { ensureMembership } from '../spaces/ensureMembership.js';
import { presentRoom, requirePerson } from './roomAccess.js';

/** The refusal of a group outside 3..20 people, `count` being everyone including the starter. */
function wrongSize(count: number): InvalidError {
  const { minPeople: min, maxPeople: max } = GROUP_CONVERSATION;
  return new InvalidError(
    `A group conversation has ${min} to ${max} people, you included; this one would have ${count}.`,
    [{ path: 'people', message: `${min} to ${max} people in all` }],
    { reason: 'group_size', params: { min, max, people: count } },
  );
}

/** Starts the conversation; everyone in it, the starter included, is a plain member (as in a direct one). */
export async function createGroupConversation(
  actor: Actor,
  input: z.infer<typeof GroupConversationCreate>,
): Promise<RoomSummary> {
  const person = requirePerson(actor);
  const others = [...new Set(input.people)].filter((id) => id !== person.id);
  const count = others.length + 1;
  if (count < GROUP_CONVERSATION.minPeople || count > GROUP_CONVERSATION.maxPeople) throw wrongSize(count);
  const found = await PersonModel.find({ _id: { $in: others }, status: 'active' }).lean();
  const visible = found.filter((p) => can(person, 'read', 'Person', p as unknown as Record<string, unknown>));
  if (visible.length !== others.length)
    throw new InvalidError('Someone in the list is not an active person you can write to.', [
      { path: 'people', message: 'unknown' },
    ]);

  const ctx = await loadSharingContext(person);
  const names = [person.name, ...visible.map((p) => p.name)];
  const candidate = {
    slug: `group-${randomBytes(8).toString('hex')}`,
    name: input.name ?? names.slice(0, 4).join(', ') + (names.length > 4 ? ` +${names.length - 4}` : ''),
    description: '',
    kind: 'direct' as const,
    hubId: null,
    cityId: null,
    ceiling: DIRECT_ROOM.ceiling,
    defaultLabel: DIRECT_ROOM.defaultLabel,
    chathamHouse: false,
    leadersOnly: false,
    createdBy: person.id,
  };
  await authorizeSharing(ctx, 'create', 'Space', { ...candidate, _id: null });
  // Stored with its entry (server/audit/auditOutbox.ts), under an id chosen first; the entry is
  // appended once its people are members.
  const spaceId = new Types.ObjectId();
  const doc = new SpaceModel({ ...candidate, _id: spaceId });
  doc.set('auditOutbox', [
    auditOutboxItem(
      person,
      'space.created',
      { type: 'Space', id: String(spaceId), label: candidate.slug },
      { kind: 'group', people: count },
    ),
  ]);
  await doc.save();
  const space = doc.toObject() as SpaceDoc;
  delete (space as { auditOutbox?: unknown }).auditOutbox;
  for (const id of [person.id, ...others]) await ensureMembership(space._id, id, 'member');
  await flushAuditOutbox(SpaceModel as never, spaceId);
  for (const id of [person.id, ...others])
    emitMembershipEvent({ spaceId: String(space._id), personId: id, change: 'joined' });
  return presentRoom(space, 'member', roomAbilities(await loadSharingContext(person), space));
}
