/**
 * A private space a service opens for one piece of work (an expert request's room, a library record's
 * draft): bound to the person's city and its hub, asked of the policy's `openForWork` right, under a
 * fresh `<prefix>-<code>` slug and a neutral name (notices name the space: it must tell nothing of the
 * work), with the person and their city's focal points as plain members. Members are told once the
 * work is stored; a space whose work could not be stored is removed with its memberships.
 */
import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Label } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { emitMembershipEvent } from '../../events/contentEvents.js';
import { CityModel } from '../../models/City.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { UnauthenticatedError } from '../../errors.js';
import { ensureMembership } from './ensureMembership.js';

/** What kind of work space to open. */
export interface WorkSpaceKind {
  kind: 'expert_request' | 'library_draft';
  slugPrefix: string;
  /** The neutral name, followed by the space's code. */
  name: string;
  ceiling: Label;
  defaultLabel: Label;
}

/** An opened work space and its members. */
export interface WorkSpace {
  space: SpaceDoc;
  members: string[];
}

/** Opens the space for `ctx`'s person (not yet announced: see {@link announceWorkSpace}). */
export async function openWorkSpace(ctx: SharingContext, kind: WorkSpaceKind): Promise<WorkSpace> {
  const { actor } = ctx;
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const code = randomBytes(4).toString('hex');
  const candidate = {
    slug: `${kind.slugPrefix}-${code}`,
    name: `${kind.name} ${code}`,
    description: '',
    kind: kind.kind,
    hubId: ctx.cityHubId,
    cityId: ctx.cityId,
    ceiling: kind.ceiling,
    defaultLabel: kind.defaultLabel,
    chathamHouse: false,
    leadersOnly: false,
    createdBy: actor.id,
  };
  await authorizeSharing(ctx, 'openForWork', 'Space', { ...candidate, _id: null });
  const space = (await SpaceModel.create(candidate)).toObject() as SpaceDoc;
  const city = ctx.cityId ? await CityModel.findById(ctx.cityId, { focalPointIds: 1 }).lean() : null;
  const members = [...new Set([actor.id, ...(city?.focalPointIds ?? []).map(String)])];
  // Plain members all: the space's moderators are those of its hub and the Management Unit.
  for (const id of members) await ensureMembership(space._id, id, 'member');
  return { space, members };
}

/** Tells open sockets that the members joined (once the work is stored). */
export function announceWorkSpace({ space, members }: WorkSpace): void {
  for (const id of members)
    emitMembershipEvent({ spaceId: String(space._id), personId: id, change: 'joined' });
}

/** Removes a work space whose work could not be stored, with its memberships. */
export async function removeWorkSpace(spaceId: Types.ObjectId): Promise<void> {
  await SpaceMembershipModel.deleteMany({ spaceId });
  await SpaceModel.deleteOne({ _id: spaceId, kind: { $in: ['expert_request', 'library_draft'] } });
}
