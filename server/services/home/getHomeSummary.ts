/**
 * The member's home: what is new for the signed-in person. Their hubs (their city's, those they
 * coordinate), the spaces they take part in (the policy's participation filter) with unread messages
 * and mentions counted over what they may read only, their unread mentions, and the areas of the
 * workspace they may open. One sharing context is loaded for the whole answer.
 */
import { NON_ROOM_KINDS } from '../../../shared/policy/spaces.js';
import type { z } from 'zod';
import type { HomeRoomUnread, HomeSpace, HomeSummary } from '../../../shared/schemas/home.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { HubModel } from '../../models/Hub.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { takesPart } from '../../policy/authorizer.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { sharingFilter } from '../../policy/sharingAccess.js';
import { NotFoundError, UnauthenticatedError } from '../../errors.js';
import { homeCapabilities } from './homeCapabilities.js';
import { unreadByRoom } from './roomUnread.js';
import { unreadMentions } from './unreadMentions.js';

/** The most spaces listed (the rooms list pages beyond it). */
export const SPACES_LISTED = 200;

/** Spaces whose page has a forum (the network-wide space and the hubs' spaces). */
const FORUM_KINDS = ['network', 'hub'];

/** The signed-in person's context, or "sign in". */
async function personContext(actor: Actor): Promise<SharingContext> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return loadSharingContext(actor);
}

/** The hubs of the person: their city's hub and the hubs they coordinate. */
async function myHubs(ctx: SharingContext): Promise<z.infer<typeof HomeSummary>['hubs']> {
  const ids = [...new Set([...(ctx.cityHubId ? [ctx.cityHubId] : []), ...ctx.coordinatedHubIds])];
  if (ids.length === 0) return [];
  const hubs = await HubModel.find({ _id: { $in: ids } }, { slug: 1, name: 1 })
    .sort({ slug: 1 })
    .lean();
  return hubs.map((hub) => ({
    id: String(hub._id),
    slug: hub.slug,
    name: {
      en: hub.name.en,
      ...(hub.name.fr ? { fr: hub.name.fr } : {}),
      ...(hub.name.ar ? { ar: hub.name.ar } : {}),
      ...(hub.name.es ? { es: hub.name.es } : {}),
    },
    coordinator: ctx.coordinatedHubIds.includes(String(hub._id)),
  }));
}

/** The spaces the person takes part in, through the policy's participation filter. */
async function mySpaces(ctx: SharingContext): Promise<SpaceDoc[]> {
  return (await SpaceModel.find(
    { $and: [sharingFilter(ctx, 'participate', 'Space'), { kind: { $nin: [...NON_ROOM_KINDS] } }] },
    { slug: 1, name: 1, kind: 1, hubId: 1, ceiling: 1, chathamHouse: 1 },
  )
    .sort({ _id: 1 })
    .limit(SPACES_LISTED)
    .lean()) as SpaceDoc[];
}

/** The home of the signed-in person. */
export async function getHomeSummary(actor: Actor): Promise<z.infer<typeof HomeSummary>> {
  const ctx = await personContext(actor);
  // The unread counts start as soon as the spaces are known, beside the mentions' read.
  const spacesAndUnread = mySpaces(ctx).then(async (spaces) => ({
    spaces,
    unread: await unreadByRoom(
      ctx,
      spaces.map((s) => String(s._id)),
    ),
  }));
  const [hubs, { spaces, unread }, mentions] = await Promise.all([
    myHubs(ctx),
    spacesAndUnread,
    unreadMentions(ctx),
  ]);
  const listed: z.infer<typeof HomeSpace>[] = spaces.map((space) => {
    const id = String(space._id);
    const counted = unread.get(id) ?? { unread: 0, unreadCapped: false };
    return {
      id,
      slug: space.slug,
      name: space.name,
      kind: space.kind,
      hubId: space.hubId ? String(space.hubId) : null,
      ceiling: space.ceiling,
      chathamHouse: space.chathamHouse,
      forum: FORUM_KINDS.includes(space.kind),
      unread: counted.unread,
      unreadCapped: counted.unreadCapped,
      mentions: mentions.bySpace.get(id) ?? 0,
    };
  });
  return { capabilities: homeCapabilities(ctx), hubs, spaces: listed, mentions: mentions.items };
}

/**
 * One room's unread count for the signed-in person (the sidebar asks it when the room had activity).
 * A room the person does not take part in is "not found", whether or not it exists.
 */
export async function getRoomUnread(actor: Actor, roomId: string): Promise<z.infer<typeof HomeRoomUnread>> {
  const ctx = await personContext(actor);
  if (!takesPart(ctx, roomId)) throw new NotFoundError('Room');
  const counted = (await unreadByRoom(ctx, [roomId])).get(roomId) ?? { unread: 0, unreadCapped: false };
  return { id: roomId, ...counted };
}
