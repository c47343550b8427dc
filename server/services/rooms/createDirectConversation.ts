/**
 * A direct conversation between two people: a space of kind `direct` whose explicit members are
 * exactly the pair. Made idempotently: the slug is derived from the sorted pair (`dm-<id>-<id>`) under
 * the unique slug index, so the same pair always gets the same space, also when both ask at once.
 * Asking again re-opens a membership either of them had left. Ceiling and default: DIRECT_ROOM.
 */
import type { RoomSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { DIRECT_ROOM } from '../../../shared/policy/spaces.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PersonModel } from '../../models/Person.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { can } from '../../policy/authorize.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { roomAbilities } from '../../policy/authorizer.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { InvalidError, isDuplicateKey } from '../../errors.js';
import { presentRoom, requirePerson } from './roomAccess.js';

/** The slug of the pair's conversation: the same for (a, b) and (b, a). */
export function directSlug(a: string, b: string): string {
  return `dm-${[a, b].sort().join('-')}`;
}

async function ensureMember(spaceId: Types.ObjectId, personId: string): Promise<boolean> {
  const now = new Date();
  const reopened = await SpaceMembershipModel.updateOne(
    { spaceId, personId, leftAt: { $ne: null } },
    { $set: { joinedAt: now, leftAt: null, role: 'member' } },
  );
  try {
    const inserted = await SpaceMembershipModel.updateOne(
      { spaceId, personId },
      { $setOnInsert: { role: 'member', joinedAt: now, leftAt: null } },
      { upsert: true },
    );
    return reopened.modifiedCount > 0 || inserted.upsertedCount > 0;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return reopened.modifiedCount > 0;
  }
}

/** The conversation of the actor with `otherId` (made on first use). */
export async function createDirectConversation(actor: Actor, otherId: string): Promise<RoomSummary> {
  const person = requirePerson(actor);
  const refuse = () =>
    new InvalidError('There is no active person with that id you can write to.', [
      { path: 'person', message: 'unknown' },
    ]);
  if (otherId === person.id)
    throw new InvalidError('A direct conversation needs another person.', [
      { path: 'person', message: 'yourself' },
    ]);
  const other = await PersonModel.findOne({ _id: otherId, status: 'active' }).lean();
  if (!other || !can(person, 'read', 'Person', other as unknown as Record<string, unknown>)) throw refuse();

  const ctx = await loadSharingContext(person);
  const slug = directSlug(person.id, otherId);
  const candidate = {
    slug,
    name: [person.name, other.name].sort().join(' · '),
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
  let space = (await SpaceModel.findOne({ slug }).lean()) as SpaceDoc | null;
  if (!space) {
    try {
      // Stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
      const spaceId = new Types.ObjectId();
      const doc = new SpaceModel({ ...candidate, _id: spaceId });
      doc.set('auditOutbox', [
        auditOutboxItem(
          person,
          'space.created',
          { type: 'Space', id: String(spaceId), label: slug },
          {
            kind: 'direct',
          },
        ),
      ]);
      await doc.save();
      await flushAuditOutbox(SpaceModel as never, spaceId);
      space = doc.toObject() as SpaceDoc;
      delete (space as { auditOutbox?: unknown }).auditOutbox;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      space = (await SpaceModel.findOne({ slug }).lean()) as SpaceDoc | null;
      if (!space) throw error;
    }
  }
  for (const id of [person.id, otherId])
    if (await ensureMember(space._id, id))
      emitMembershipEvent({ spaceId: String(space._id), personId: id, change: 'joined' });
  return presentRoom(space, 'member', roomAbilities(ctx, space));
}
