/** Loading spaces and presenting them. */
import { allows, takesPart } from '../../policy/authorizer.js';
import { isInvitableKind, type SpaceKind } from '../../../shared/policy/spaces.js';
import type { z } from 'zod';
import type { Space } from '../../../shared/schemas/spaces.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';
import { citySlugsById, hubSlugsById } from '../lookups.js';

/** Loads a space by slug or returns null. */
export async function spaceBySlug(slug: string): Promise<SpaceDoc | null> {
  return (await SpaceModel.findOne({ slug }).lean()) as SpaceDoc | null;
}

/** Loads spaces by id, as a map. */
export async function spacesById(ids: unknown[]): Promise<Map<string, SpaceDoc>> {
  const distinct = [...new Set(ids.map(String))];
  const spaces = (await SpaceModel.find({ _id: { $in: distinct } }).lean()) as SpaceDoc[];
  return new Map(spaces.map((s) => [String(s._id), s]));
}

/** The space the actor may see, or "not found" (its existence does not leak; the refusal is audited). */
export async function visibleSpace(ctx: SharingContext, slug: string): Promise<SpaceDoc> {
  const space = await spaceBySlug(slug);
  if (!space) throw new NotFoundError(`Space "${slug}"`);
  await authorizeSharing(ctx, 'read', 'Space', space, { hide: `Space "${slug}"` });
  return space;
}

/** Kinds of space with a forum (as server/services/forums/forumAccess.ts's FORUM_SPACE_KINDS). */
const FORUM_KINDS: readonly SpaceKind[] = ['hub', 'network'];

/** What the actor may do with a space, as the policy answers (see the Space schema's `abilities`). */
export function spaceAbilities(ctx: SharingContext, space: SpaceDoc, explicitMember: boolean) {
  const doc = space as unknown as Record<string, unknown>;
  const manageMembers = allows(ctx, 'manageMembers', 'Space', doc);
  return {
    invite: manageMembers && isInvitableKind(space.kind),
    manageMembers,
    moderateForum: FORUM_KINDS.includes(space.kind) && allows(ctx, 'moderateForum', 'Space', doc),
    leave: explicitMember,
  };
}

/** Presents spaces for an actor, with how the actor belongs to each. */
export async function presentSpaces(
  ctx: SharingContext,
  spaces: SpaceDoc[],
): Promise<z.infer<typeof Space>[]> {
  const [hubs, cities, memberships] = await Promise.all([
    hubSlugsById(spaces.map((s) => s.hubId)),
    citySlugsById(
      ctx.actor,
      spaces.map((s) => s.cityId),
    ),
    ctx.actor.kind === 'person'
      ? SpaceMembershipModel.find(
          { personId: ctx.actor.id, leftAt: null, spaceId: { $in: spaces.map((s) => s._id) } },
          { spaceId: 1, role: 1 },
        ).lean()
      : [],
  ]);
  const roles = new Map(memberships.map((m) => [String(m.spaceId), m.role]));
  return spaces.map((s) => {
    const id = String(s._id);
    const participates = takesPart(ctx, id);
    return {
      id,
      slug: s.slug,
      name: s.name,
      description: s.description ?? '',
      kind: s.kind,
      hub: s.hubId ? (hubs.get(String(s.hubId)) ?? null) : null,
      city: s.cityId ? (cities.get(String(s.cityId)) ?? null) : null,
      ceiling: s.ceiling,
      defaultLabel: s.defaultLabel,
      chathamHouse: s.chathamHouse,
      leadersOnly: s.leadersOnly,
      membership: participates ? (roles.get(id) ?? 'derived') : null,
      abilities: spaceAbilities(ctx, s, roles.has(id)),
    };
  });
}
