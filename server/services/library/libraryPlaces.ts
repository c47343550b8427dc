/**
 * Where library records live: the library space (kind `network`, GREEN ceiling: every member reads its
 * records; CLEAR ones are also published for the public pages), made on first use; and each directly
 * written record's private draft space (kind `library_draft`), whose members are its writer and their
 * city's focal points.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { CityModel } from '../../models/City.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { isDuplicateKey, UnauthenticatedError } from '../../errors.js';
import { ensureMembership } from '../spaces/ensureMembership.js';

/** The library space's slug. */
export const LIBRARY_SPACE_SLUG = 'good-practice-library';

/** The library space, made on first use (two callers at once: the unique slug keeps one). */
export async function librarySpace(): Promise<SpaceDoc> {
  const found = await SpaceModel.findOne({ slug: LIBRARY_SPACE_SLUG }).lean();
  if (found) return found as SpaceDoc;
  try {
    return (
      await SpaceModel.create({
        slug: LIBRARY_SPACE_SLUG,
        name: 'Good-practice library',
        description: 'Lessons and good practices of the network, published after review.',
        kind: 'network',
        hubId: null,
        cityId: null,
        ceiling: 'GREEN',
        defaultLabel: 'GREEN',
        chathamHouse: false,
        leadersOnly: false,
        createdBy: 'library',
      })
    ).toObject() as SpaceDoc;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return (await SpaceModel.findOne({ slug: LIBRARY_SPACE_SLUG }).lean()) as SpaceDoc;
  }
}

/** Opens the private draft space of a record written directly by `ctx`'s person. */
export async function openDraftSpace(ctx: SharingContext): Promise<{ space: SpaceDoc; members: string[] }> {
  const { actor } = ctx;
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const code = randomBytes(4).toString('hex');
  const candidate = {
    slug: `library-draft-${code}`,
    name: `Library draft ${code}`,
    description: '',
    kind: 'library_draft' as const,
    hubId: ctx.cityHubId,
    cityId: ctx.cityId,
    ceiling: 'GREEN' as const,
    defaultLabel: 'GREEN' as const,
    chathamHouse: false,
    leadersOnly: false,
    createdBy: actor.id,
  };
  await authorizeSharing(ctx, 'openForWork', 'Space', { ...candidate, _id: null });
  const space = (await SpaceModel.create(candidate)).toObject() as SpaceDoc;
  const city = ctx.cityId ? await CityModel.findById(ctx.cityId, { focalPointIds: 1 }).lean() : null;
  const members = [...new Set([actor.id, ...(city?.focalPointIds ?? []).map(String)])];
  for (const id of members) await ensureMembership(space._id, id, 'member');
  for (const id of members)
    emitMembershipEvent({ spaceId: String(space._id), personId: id, change: 'joined' });
  return { space, members };
}

/** Removes a draft space whose record could not be stored, with its memberships. */
export async function removeDraftSpace(spaceId: Types.ObjectId): Promise<void> {
  await SpaceMembershipModel.deleteMany({ spaceId });
  await SpaceModel.deleteOne({ _id: spaceId, kind: 'library_draft' });
}
