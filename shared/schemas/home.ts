/**
 * Schemas of the member's home (GET /api/v1/home): what the workspace shows a signed-in person — the
 * areas they may open, their hubs, their spaces with unread counts and mentions, and their unread
 * mentions. Every count counts only what the policy lets the reader read.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { LocalizedText, ObjectIdString, Slug } from './common.js';

/** The areas of the workspace the person may open, decided by the server's authorizer. */
export const HomeCapabilities = z
  .object({
    /** The moderators' console: global moderators and hub coordinators (review queues). */
    moderate: z.boolean(),
    /** The admins' console: admins, and a city's focal points for their own city. */
    administer: z.boolean(),
    /** Creating a space (the spaces page offers the kinds the policy allows). */
    createSpace: z.boolean(),
    /** Keeping an expert profile of one's own (the Expert Pool). */
    expertProfile: z.boolean(),
    /** Browsing the experts directory (the network's community; not invited partners). */
    experts: z.boolean(),
    /** Asking the Expert Pool for one's city (people of a member city). */
    askExperts: z.boolean(),
    /** The triage list of expert requests (those who moderate: global moderators, hub coordinators). */
    triageRequests: z.boolean(),
    /** The overdue list of expert requests (the Management Unit: global moderators). */
    overdueRequests: z.boolean(),
    /** The offers of requests made to one (experts). */
    offers: z.boolean(),
    /** The good-practice library for members. */
    library: z.boolean(),
    /** Editing the library: writing, approving as an editor, marking peer-reviewed (the Management Unit). */
    editLibrary: z.boolean(),
  })
  .meta({ id: 'HomeCapabilities' });

/** A hub of the person: their city's hub, or one they coordinate. */
export const HomeHub = z
  .object({
    id: ObjectIdString,
    slug: Slug,
    name: LocalizedText,
    /** True when the person coordinates the hub (else it is their city's hub). */
    coordinator: z.boolean(),
  })
  .meta({ id: 'HomeHub' });

/** A space the person takes part in, with what is new for them there. */
export const HomeSpace = z
  .object({
    id: ObjectIdString,
    slug: z.string(),
    name: z.string(),
    kind: z.string(),
    /** The hub of a hub's space, else null. */
    hubId: ObjectIdString.nullable(),
    ceiling: z.enum(LABELS),
    chathamHouse: z.boolean(),
    /** Whether the space has a forum page (network-wide and hub spaces). */
    forum: z.boolean(),
    /** Messages of others after the person's read marker that the person may read (at most `UNREAD_CAP`). */
    unread: z.number().int().min(0),
    /** True when there are more unread messages than counted. */
    unreadCapped: z.boolean(),
    /** Unread mentions of the person here whose label lets a notice say so (CLEAR, GREEN). */
    mentions: z.number().int().min(0),
  })
  .meta({ id: 'HomeSpace' });

/** An unread mention of the person in material they may read, CLEAR or GREEN only. */
export const HomeMention = z
  .object({
    /** The notification's id (marking it read is the notification routes' work). */
    id: ObjectIdString,
    space: z.object({ id: ObjectIdString, name: z.string() }),
    /** The start of the item's text (CLEAR and GREEN may be quoted outside the space). */
    excerpt: z.string(),
    /** The author's name; null under the Chatham House Rule. */
    author: z.string().nullable(),
    link: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'HomeMention' });

/** The member's home. */
export const HomeSummary = z
  .object({
    capabilities: HomeCapabilities,
    hubs: z.array(HomeHub),
    spaces: z.array(HomeSpace),
    mentions: z.array(HomeMention),
  })
  .meta({ id: 'HomeSummary' });

/** Path parameters naming one room (a space) for its unread count. */
export const HomeRoomParams = z.object({ room: ObjectIdString }).strict();

/** One room's unread count, as in {@link HomeSpace}. */
export const HomeRoomUnread = z
  .object({
    id: ObjectIdString,
    unread: z.number().int().min(0),
    unreadCapped: z.boolean(),
  })
  .meta({ id: 'HomeRoomUnread' });
