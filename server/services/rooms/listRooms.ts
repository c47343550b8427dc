/** The rooms a person takes part in (every space kind but those of NON_ROOM_KINDS is a room), paginated by id. */
import { NON_ROOM_KINDS } from '../../../shared/policy/spaces.js';
import type { z } from 'zod';
import type { RoomSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { RoomListQuery } from '../../../shared/schemas/rooms.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { roomAbilities } from '../../policy/authorizer.js';
import { sharingFilter } from '../../policy/sharingAccess.js';
import { readPage } from '../../db/pagination.js';
import { presentRoom, requirePerson } from './roomAccess.js';

/** One page of "my rooms". */
export async function listRooms(
  actor: Actor,
  query: z.infer<typeof RoomListQuery>,
): Promise<{ items: RoomSummary[]; nextCursor: string | null }> {
  const person = requirePerson(actor);
  const ctx = await loadSharingContext(person);
  const page = await readPage<SpaceDoc>(SpaceModel as never, {
    filters: [sharingFilter(ctx, 'participate', 'Space'), { kind: { $nin: [...NON_ROOM_KINDS] } }],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  const memberships = await SpaceMembershipModel.find(
    { personId: person.id, leftAt: null, spaceId: { $in: page.items.map((s) => s._id) } },
    { spaceId: 1, role: 1 },
  ).lean();
  const roles = new Map(memberships.map((m) => [String(m.spaceId), m.role as string]));
  return {
    items: page.items.map((s) =>
      presentRoom(s, roles.get(String(s._id)) ?? 'derived', roomAbilities(ctx, s)),
    ),
    nextCursor: page.nextCursor,
  };
}
