/**
 * Who may take part in a room (a space): decided once at `room:join` (or per REST call) from the
 * person's sharing context, and kept by the socket as a {@link RoomGrant} until a permission change
 * re-authorises it (server/sockets/reauthorize.ts). A room the person may not even see answers
 * "not found"; one they may see but not take part in (a leaders-only room for a non-leader seen by
 * a moderator) answers "forbidden". Refusals are audited.
 */
import { takesPart } from '../../policy/authorizer.js';
import type { RoomAbilities, RoomSummary } from '../../../shared/events.js';
import type { Actor, PersonActor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { Types } from 'mongoose';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';

/** The facts about a room that sending and fan-out need. */
export type RoomFacts = Pick<
  SpaceDoc,
  | '_id'
  | 'slug'
  | 'name'
  | 'kind'
  | 'hubId'
  | 'cityId'
  | 'ceiling'
  | 'defaultLabel'
  | 'chathamHouse'
  | 'leadersOnly'
>;

/** A person's authorised participation in a room, with the context it was decided on. */
export interface RoomGrant {
  roomId: string;
  space: RoomFacts;
  actor: PersonActor;
  ctx: SharingContext;
  /** The explicit role, `derived`, or null. */
  role: string | null;
}

/** The socket room of a room: every authorised socket of every member. */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}

/** The socket room of one member's sockets in one room (RED fan-out targets these only). */
export function memberChannel(roomId: string, personId: string): string {
  return `room:${roomId}:${personId}`;
}

/** The person actor, or "sign in". */
export function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return actor;
}

/** Loads a room by id (null when the id names no space). */
export async function loadRoom(roomId: string): Promise<RoomFacts | null> {
  if (!Types.ObjectId.isValid(roomId)) return null;
  return (await SpaceModel.findById(roomId, {
    slug: 1,
    name: 1,
    kind: 1,
    hubId: 1,
    cityId: 1,
    ceiling: 1,
    defaultLabel: 1,
    chathamHouse: 1,
    leadersOnly: 1,
  }).lean()) as RoomFacts | null;
}

/** Authorises a person for a room now, from a fresh sharing context (or the one given). */
export async function authorizeRoom(
  actor: Actor,
  roomId: string,
  loaded?: SharingContext,
): Promise<RoomGrant> {
  const person = requirePerson(actor);
  const [ctx, space] = await Promise.all([loaded ?? loadSharingContext(person), loadRoom(roomId)]);
  if (!space) throw new NotFoundError('Room');
  await authorizeSharing(ctx, 'read', 'Space', space as unknown as Record<string, unknown>, { hide: 'Room' });
  await authorizeSharing(ctx, 'participate', 'Space', space as unknown as Record<string, unknown>);
  // The context lists the explicit memberships: only those need their role read (others are derived).
  const membership = ctx.explicitSpaceIds.includes(String(space._id))
    ? await SpaceMembershipModel.findOne(
        { spaceId: space._id, personId: person.id, leftAt: null },
        { role: 1 },
      ).lean()
    : null;
  return { roomId: String(space._id), space, actor: person, ctx, role: membership?.role ?? 'derived' };
}

/** True while the grant's context still lets the person take part (no database read). */
export function grantStillValid(grant: RoomGrant): boolean {
  return takesPart(grant.ctx, grant.roomId);
}

/** A room as clients see it. */
export function presentRoom(space: RoomFacts, role: string | null, abilities: RoomAbilities): RoomSummary {
  return {
    id: String(space._id),
    slug: space.slug,
    name: space.name,
    kind: space.kind,
    ceiling: space.ceiling,
    defaultLabel: space.defaultLabel,
    chathamHouse: space.chathamHouse,
    leadersOnly: space.leadersOnly,
    role,
    abilities,
  };
}
