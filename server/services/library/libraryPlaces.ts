/**
 * Where library records live: the library space (kind `network`, GREEN ceiling: every member reads its
 * records; CLEAR ones are also published for the public pages), made on first use; and each directly
 * written record's private draft space (kind `library_draft`, spaces/openWorkSpace.ts), whose members
 * are its writer and their city's focal points.
 */
import { announceWorkSpace, openWorkSpace, type WorkSpace } from '../spaces/openWorkSpace.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { isDuplicateKey } from '../../errors.js';

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

/** Opens (and announces) the private draft space of a record written directly by `ctx`'s person. */
export async function openDraftSpace(ctx: SharingContext): Promise<WorkSpace> {
  const opened = await openWorkSpace(ctx, {
    kind: 'library_draft',
    slugPrefix: 'library-draft',
    name: 'Library draft',
    ceiling: 'GREEN',
    defaultLabel: 'GREEN',
  });
  announceWorkSpace(opened);
  return opened;
}
