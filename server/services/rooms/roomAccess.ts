/**
 * Who may take part in a room (a space): decided once at `room:join` (or per REST call) from the
 * person's sharing context, and kept by the socket as a {@link RoomGrant} until a permission change
 * re-authorises it (server/sockets/reauthorize.ts). A room the person may not even see answers
 * "not found"; one they may see but not take part in (a leaders-only room for a non-leader seen by
 * a moderator) answers "forbidden". Refusals are audited.
 *
 * Sockets act with actors handed out by the node's sharing cache (sharingCache.ts): such an actor is
 * authorised from its cached context and one fresh read of the room, the join's only database round
 * trip; a refusal, or a room the cached context does not list yet, is decided again from a fresh
 * context (which replaces the cached one), so a cache can delay no grant and widen no access.
 */
import { allows, takesPart } from '../../policy/authorizer.js';
import type { RoomAbilities, RoomSummary } from '../../../shared/events.js';
import type { Actor, PersonActor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { Types } from 'mongoose';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { batchLoader } from '../../db/batchLoader.js';
import { cachedSharing, cachedSharingOf, rereadPerson, type CachedSharing } from './sharingCache.js';

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

const ROOM_FIELDS = {
  slug: 1,
  name: 1,
  kind: 1,
  hubId: 1,
  cityId: 1,
  ceiling: 1,
  defaultLabel: 1,
  chathamHouse: 1,
  leadersOnly: 1,
};

/** Rooms read together for the joins of one turn (batchLoader.ts). */
const loadRooms = batchLoader(async (ids: string[]) => {
  const spaces = (await SpaceModel.find({ _id: { $in: ids } }, ROOM_FIELDS).lean()) as RoomFacts[];
  return new Map(spaces.map((space) => [String(space._id), space]));
});

/** Loads a room by id (null when the id names no space); reads of the same turn share one query. */
export async function loadRoom(roomId: string): Promise<RoomFacts | null> {
  if (!Types.ObjectId.isValid(roomId)) return null;
  return (await loadRooms(String(new Types.ObjectId(roomId)))) ?? null;
}

/** Refuses unless the context may see the room (else "not found") and take part in it (audited). */
async function authorizeTakingPart(ctx: SharingContext, space: RoomFacts): Promise<void> {
  const doc = space as unknown as Record<string, unknown>;
  await authorizeSharing(ctx, 'read', 'Space', doc, { hide: 'Room' });
  await authorizeSharing(ctx, 'participate', 'Space', doc);
}

/** The grant from the cache's context, when it lets the person take part in the room; else null. */
function grantFromCache(sharing: CachedSharing | null, space: RoomFacts): RoomGrant | null {
  if (!sharing) return null;
  const { actor, ctx, roles } = sharing;
  const roomId = String(space._id);
  const doc = space as unknown as Record<string, unknown>;
  if (
    !takesPart(ctx, roomId) ||
    !allows(ctx, 'read', 'Space', doc) ||
    !allows(ctx, 'participate', 'Space', doc)
  )
    return null;
  return { roomId, space, actor, ctx, role: roles.get(roomId) ?? 'derived' };
}

/** Authorises a cached actor: cached context and a fresh room; refusals decided again afresh. */
async function authorizeCached(
  person: PersonActor,
  roomId: string,
  cached: Promise<CachedSharing | null>,
): Promise<RoomGrant> {
  const [sharing, space] = await Promise.all([cached, loadRoom(roomId)]);
  if (!space) throw new NotFoundError('Room');
  const granted = grantFromCache(sharing, space);
  if (granted) return granted;
  // Perhaps refused, perhaps a context older than the room or the membership: decide afresh.
  rereadPerson(person.id);
  const fresh = await cachedSharing(person.id);
  if (!fresh) throw new UnauthenticatedError('Your account is not active; sign in again.');
  await authorizeTakingPart(fresh.ctx, space);
  return {
    roomId: String(space._id),
    space,
    actor: fresh.actor,
    ctx: fresh.ctx,
    role: fresh.roles.get(String(space._id)) ?? 'derived',
  };
}

/**
 * Authorises a person for a room now, from a fresh sharing context (or the one given); an actor
 * from the node's sharing cache is authorised from its cached context (see the module comment).
 */
export async function authorizeRoom(
  actor: Actor,
  roomId: string,
  loaded?: SharingContext,
): Promise<RoomGrant> {
  const person = requirePerson(actor);
  const cached = loaded ? undefined : cachedSharingOf(person);
  if (cached) return authorizeCached(person, roomId, cached);
  const [ctx, space] = await Promise.all([loaded ?? loadSharingContext(person), loadRoom(roomId)]);
  if (!space) throw new NotFoundError('Room');
  await authorizeTakingPart(ctx, space);
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
