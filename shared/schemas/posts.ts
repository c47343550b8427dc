/** Posts in a space: the first labelled content type; the shapes of every content channel. */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { CONTENT_STATES, CONTENT_TYPES } from '../policy/content.js';
import { ROLES } from '../roles.js';
import { CONTENT_LANGUAGES } from '../languages.js';
import { FilledParagraphs, Line, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';
import { Attachment, AttachmentIds } from './attachments.js';

/** A moderation event on an item, shown to its author and to moderators. */
export const ModerationEvent = z.object({
  at: z.string(),
  action: z.string(),
  by: z.string().nullable(),
  reason: z.string(),
  from: z.enum(LABELS).nullable(),
  to: z.enum(LABELS).nullable(),
});

/**
 * What the caller may do with an item, decided by the server's policy: the client shows controls from
 * these alone. `raise` and `lower` are relabels up or down.
 */
export const ItemAbilities = z
  .object({
    update: z.boolean(),
    delete: z.boolean(),
    raise: z.boolean(),
    lower: z.boolean(),
    quarantine: z.boolean(),
    flag: z.boolean(),
    share: z.boolean(),
    publish: z.boolean(),
  })
  .meta({ id: 'ItemAbilities' });

/** A post as the API returns it. Author and city are null when the Chatham House Rule strips them. */
export const Post = z
  .object({
    id: ObjectIdString,
    space: z.object({ slug: Slug, name: z.string() }),
    label: z.enum(LABELS),
    title: z.string(),
    body: z.string(),
    /** `name` is null for a former member (the client shows it in the reader's language). */
    author: z.object({ id: ObjectIdString, name: z.string().nullable() }).nullable(),
    city: Slug.nullable(),
    chathamHouse: z.boolean(),
    published: z.boolean(),
    state: z.enum(CONTENT_STATES),
    forwardedFrom: z
      .object({ id: ObjectIdString, author: z.string().nullable(), city: Slug.nullable() })
      .nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    moderation: z.array(ModerationEvent).optional(),
    /** The attached files the caller may read (never a count of the others). */
    attachments: z.array(Attachment),
    /**
     * What the caller may do with this post, decided by the server's policy: the client shows
     * controls from these alone. `raise` and `lower` are relabels up or down.
     */
    abilities: ItemAbilities,
  })
  .meta({ id: 'Post' });

/**
 * What the author (or a moderator) sees of an item hidden by moderation: its state and history,
 * never its content.
 */
export const PostModerationView = z
  .object({
    id: ObjectIdString,
    space: z.object({ slug: Slug, name: z.string() }),
    label: z.enum(LABELS),
    state: z.enum(CONTENT_STATES),
    moderation: z.array(ModerationEvent),
  })
  .meta({ id: 'PostModerationView' });

/** Input to create a post; the label defaults to the space's default. */
export const PostCreate = z
  .object({
    title: Line(300),
    body: FilledParagraphs(20_000),
    label: z.enum(LABELS).optional(),
    /** The content language for search; detected from the text when not given. */
    language: z.enum(CONTENT_LANGUAGES).optional(),
    /** Documents of the space to attach, each labelled at least as the post. */
    attachments: AttachmentIds.optional(),
  })
  .strict();

/** Input to edit a post's text (author). */
export const PostUpdate = z
  .object({
    title: Line(300).optional(),
    body: FilledParagraphs(20_000).optional(),
    language: z.enum(CONTENT_LANGUAGES).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change')
  .meta({ minProperties: 1 });

/** Path parameter naming a post. */
export const PostParams = z.object({ post: ObjectIdString }).strict();

/** Path parameters naming a space's posts. */
export const SpacePostsQuery = PageQuery.strict();

/** Input to change a label; a justification is always required when lowering (kept for raising too). */
export const PostRelabel = z.object({ label: z.enum(LABELS), justification: Line(2000) }).strict();

/** Input to share a post onward into another space. */
export const PostShare = z.object({ to: Slug }).strict();

/** Input to move a post (moderators), optionally with a new label. */
export const PostMove = z
  .object({ to: Slug, label: z.enum(LABELS).optional(), justification: Line(2000) })
  .strict();

/** A moderation reason (quarantine, restore, delete by a moderator). */
export const ModerationReason = z.object({ reason: Line(2000) }).strict();

/** Optional reason on deletion (required of moderators deleting someone else's post). */
export const PostDelete = z.object({ reason: Line(2000).optional() }).strict();

/** Reasons for flagging material. */
export const FLAG_REASONS = [
  'wrong_space_or_sensitive',
  'personal_data',
  'hate_or_discrimination',
  'targeting_a_group',
  'spam',
  'other',
  /** Set by the virus scanner on an infected file, and on a file too large to scan. */
  'malware',
  'unscannable',
] as const;

/** The reasons a reader may give (the others are the virus scanner's). */
export const READER_FLAG_REASONS = FLAG_REASONS.filter(
  (reason): reason is Exclude<(typeof FLAG_REASONS)[number], 'malware' | 'unscannable'> =>
    reason !== 'malware' && reason !== 'unscannable',
);

/** Input to flag a post. */
export const FlagCreate = z
  .object({ reason: z.enum(READER_FLAG_REASONS), note: Paragraphs(2000).optional() })
  .strict();

/** A flag in a review queue. Content appears only when the moderator may read the item. */
export const Flag = z
  .object({
    id: ObjectIdString,
    post: ObjectIdString,
    space: z.object({ slug: Slug, name: z.string() }),
    hub: Slug.nullable(),
    label: z.enum(LABELS),
    reason: z.enum(FLAG_REASONS),
    note: z.string().nullable(),
    state: z.enum(['open', 'resolved']),
    createdAt: z.string(),
    item: Post.nullable(),
  })
  .meta({ id: 'Flag' });

/** Query of the review queue: one hub's queue, or `network` for spaces outside any hub. */
export const FlagQueueQuery = PageQuery.extend({
  hub: Slug.optional(),
  state: z.enum(['open', 'resolved']).default('open'),
}).strict();

/** Query of the posts search endpoint (GET /search/posts; GET /search searches every type). */
export const SearchQuery = PageQuery.extend({
  q: Line(200),
  language: z.enum(CONTENT_LANGUAGES).optional(),
}).strict();

/** An audit entry about one's own material. */
export const MaterialAuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'MaterialAuditEntry' });

/** Query of an item's audit entries. */
export const MaterialAuditQuery = PageQuery.strict();

/** An in-app notification with its body rendered for the recipient (see notificationBody). */
export const Notification = z
  .object({
    id: ObjectIdString,
    kind: z.string(),
    /** The content type of the item: `Post` or `Message`. */
    itemType: z.enum(CONTENT_TYPES),
    item: ObjectIdString,
    /** The item again when it is a post (kept for clients written before other types). */
    post: ObjectIdString.optional(),
    createdAt: z.string(),
    read: z.boolean(),
    text: z.string(),
    link: z.string(),
    title: z.string().optional(),
    body: z.string().optional(),
    author: z.string().optional(),
    /** A moderation notice's facts (kind, space, reason), for the client to word it. */
    notice: z.object({ kind: z.string(), space: z.string(), reason: z.string().nullable() }).optional(),
  })
  .meta({ id: 'Notification' });

/** The query of the notification list (`unread=true`: unread ones only). */
export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
}).strict();

/** A person's own data export. */
export const MyExport = z
  .object({
    exportedAt: z.string(),
    note: z.string(),
    profile: z.record(z.string(), z.unknown()),
    memberships: z.array(
      z.object({ space: z.string(), role: z.string(), joinedAt: z.string(), leftAt: z.string().nullable() }),
    ),
    posts: z.array(Post),
    /** The person's own room messages, each with its label and the slug of its room. */
    messages: z.array(
      z.object({
        id: ObjectIdString,
        room: z.string(),
        threadId: ObjectIdString.nullable(),
        label: z.string(),
        body: z.string(),
        createdAt: z.string(),
      }),
    ),
    /** The person's own documents, each with the versions they uploaded. */
    documents: z.array(z.record(z.string(), z.unknown())),
    /** Their expert profile, private part included (null when they keep none). */
    expertProfile: z.record(z.string(), z.unknown()).nullable(),
    /** The expert requests they asked, each with its label and the slug of its room. */
    expertRequests: z.array(
      z.object({ id: ObjectIdString, room: z.string(), label: z.string(), title: z.string() }).loose(),
    ),
    /** The library records they wrote, each with its label. */
    libraryRecords: z.array(z.object({ id: ObjectIdString, label: z.string(), title: z.string() }).loose()),
    notifications: z.array(Notification),
  })
  .meta({ id: 'MyExport' });

/** The sharing facts about the signed-in person (GET /me/sharing), for the client's copy of the policy. */
export const MySharingContext = z
  .object({
    personId: ObjectIdString,
    roles: z.array(z.enum(ROLES)),
    cityId: ObjectIdString.nullable(),
    cityHubId: ObjectIdString.nullable(),
    explicitSpaceIds: z.array(ObjectIdString),
    managedSpaceIds: z.array(ObjectIdString),
    coordinatedHubIds: z.array(ObjectIdString),
    spaceIds: z.array(ObjectIdString),
  })
  .meta({ id: 'MySharingContext' });
