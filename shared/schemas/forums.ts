/**
 * Hub forums (issue #6, part 1): categories of a hub or network space, topics and replies. Topics
 * and replies are labelled posts (see posts.ts), so every sharing rule applies to them; these are the
 * forum-specific shapes. Counts (`replies`, `unread`) are computed per reader over the replies that
 * reader may read, never over stored totals.
 */
import { z } from 'zod';
import { CONTENT_STATES } from '../policy/content.js';
import { LABELS } from '../policy/labels.js';
import { FilledParagraphs, Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';
import { ItemAbilities } from './posts.js';
import { Attachment, AttachmentIds } from './attachments.js';

/** A place named by slug and display name. */
const Place = z.object({ slug: Slug, name: z.string() });

/**
 * An author as shown in the space; null under the Chatham House Rule when stripped. `name` is null for
 * a former member (the client shows it in the reader's language).
 */
const ForumAuthor = z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable();

/** A forum category of a space, as the API returns it. */
export const ForumCategory = z
  .object({
    id: ObjectIdString,
    space: Place,
    slug: Slug,
    name: z.string(),
    description: z.string(),
    position: z.number().int(),
    /** Whether the viewer may edit categories and pin, lock or move topics in this space. */
    viewerMayModerate: z.boolean(),
  })
  .meta({ id: 'ForumCategory' });

/** Input to create a category (admins, global moderators, the hub's coordinators, space owners/moderators). */
export const ForumCategoryCreate = z
  .object({
    slug: Slug,
    name: Line(200),
    description: Paragraphs(2000).default(''),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();

/** Input to edit a category; at least one field. */
export const ForumCategoryUpdate = z
  .object({
    name: Line(200).optional(),
    description: Paragraphs(2000).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** Path parameters naming a space (its forum). */
export const ForumSpaceParams = z.object({ space: Slug }).strict();

/** Path parameters naming a category of a space. */
export const ForumCategoryParams = z.object({ space: Slug, category: Slug }).strict();

/** Path parameter naming a topic. */
export const ForumTopicParams = z.object({ topic: ObjectIdString }).strict();

/** Path parameter naming a reply. */
export const ForumReplyParams = z.object({ reply: ObjectIdString }).strict();

/** A topic as the API returns it (in lists and alone). `body` is the Markdown source, `html` its safe rendering. */
export const ForumTopic = z
  .object({
    id: ObjectIdString,
    space: Place,
    category: Place,
    label: z.enum(LABELS),
    title: z.string(),
    body: z.string(),
    html: z.string(),
    author: ForumAuthor,
    city: Slug.nullable(),
    chathamHouse: z.boolean(),
    state: z.enum(CONTENT_STATES),
    pinned: z.boolean(),
    locked: z.boolean(),
    /** True once the text was edited (the history is for the author and moderators). */
    edited: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    lastActivityAt: z.string(),
    /** Replies the viewer may read. */
    replies: z.number().int(),
    /** Replies the viewer may read that are newer than their read marker. */
    unread: z.number().int(),
    /** Whether the viewer has read the topic at least once (has a read marker). */
    seen: z.boolean(),
    subscribed: z.boolean(),
    viewerMayModerate: z.boolean(),
    /** The attached files the viewer may read (never a count of the others). */
    attachments: z.array(Attachment),
    /** What the viewer may do with the topic (the policy's answer); `reply` is false on a locked topic for non-moderators. */
    abilities: ItemAbilities.extend({ reply: z.boolean() }),
  })
  .meta({ id: 'ForumTopic' });

/** A reply as the API returns it. */
export const ForumReply = z
  .object({
    id: ObjectIdString,
    topic: ObjectIdString,
    label: z.enum(LABELS),
    body: z.string(),
    html: z.string(),
    author: ForumAuthor,
    city: Slug.nullable(),
    chathamHouse: z.boolean(),
    state: z.enum(CONTENT_STATES),
    edited: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The attached files the viewer may read (never a count of the others). */
    attachments: z.array(Attachment),
    /** What the viewer may do with the reply (the policy's answer). */
    abilities: ItemAbilities,
  })
  .meta({ id: 'ForumReply' });

/** Markdown text of a topic or reply. */
const MarkdownBody = FilledParagraphs(20_000);

/** Input to create a topic; the label defaults to the space's default and may not pass its ceiling. */
export const ForumTopicCreate = z
  .object({
    title: Line(300),
    body: MarkdownBody,
    label: z.enum(LABELS).optional(),
    /** Documents of the space to attach, each labelled at least as the topic. */
    attachments: AttachmentIds.optional(),
  })
  .strict();

/**
 * Input to create a reply; the label defaults to the topic's and may be neither below the topic's
 * label nor above the space's ceiling.
 */
export const ForumReplyCreate = z
  .object({
    body: MarkdownBody,
    label: z.enum(LABELS).optional(),
    /** Documents of the space to attach, each labelled at least as the reply. */
    attachments: AttachmentIds.optional(),
  })
  .strict();

/** Input to edit a topic (its author); the previous text is kept as a revision. */
export const ForumTopicUpdate = z
  .object({ title: Line(300).optional(), body: MarkdownBody.optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** Input to edit a reply (its author); the previous text is kept as a revision. */
export const ForumReplyUpdate = z.object({ body: MarkdownBody }).strict();

/**
 * Input to move a topic with its replies: to another category of the same space, or (with `space`)
 * to a category of another space, as the onward-sharing rules and the destination's ceiling allow.
 * A move never changes a label: relabel first (POST /posts/{post}/relabel) when that is the intent.
 */
export const ForumTopicMove = z
  .object({ category: Slug, space: Slug.optional(), justification: Line(2000) })
  .strict();

/** Input to mark a topic read, up to one reply (by default up to its newest reply the reader may read). */
export const ForumReadMark = z.object({ upTo: ObjectIdString.optional() }).strict();

/** The reader's position in a topic. */
export const ForumReadState = z
  .object({ topic: ObjectIdString, lastReadId: ObjectIdString.nullable(), unread: z.number().int() })
  .meta({ id: 'ForumReadState' });

/** Whether the viewer is subscribed to a topic. */
export const ForumSubscriptionState = z
  .object({ topic: ObjectIdString, subscribed: z.boolean() })
  .meta({ id: 'ForumSubscriptionState' });

/** Pin or lock state of a topic after a change. */
export const ForumTopicFlags = z
  .object({ topic: ObjectIdString, pinned: z.boolean(), locked: z.boolean() })
  .meta({ id: 'ForumTopicFlags' });

/** Where a topic is after a move (its replies moved with it). */
export const ForumTopicMoved = z
  .object({
    topic: ObjectIdString,
    space: Slug,
    category: Slug,
    label: z.enum(LABELS),
    moved: z.number().int(),
  })
  .meta({ id: 'ForumTopicMoved' });

/** One earlier version of a topic or reply, newest first in lists. `title` is null for replies. */
export const ForumRevision = z
  .object({
    at: z.string(),
    title: z.string().nullable(),
    body: z.string(),
    /** `name` is null for a former member (the client shows it in the reader's language). */
    by: z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'ForumRevision' });

/** Query of category lists. */
export const ForumCategoryListQuery = PageQuery.strict();

/** Query of a category's topics (pinned first, then latest activity). */
export const ForumTopicListQuery = PageQuery.strict();

/** Query of a topic's replies (oldest first). */
export const ForumReplyListQuery = PageQuery.strict();

/** Query of an item's revisions. */
export const ForumRevisionListQuery = PageQuery.strict();
