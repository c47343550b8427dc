/**
 * The moderators' console (/api/v1/moderation): the review queue of flags on any labelled content type,
 * its counts, dismissal (one flag or many), the moderation actions on an item wherever it lives, the
 * item's history, and the moderators' view of the audit log.
 */
import { z } from 'zod';
import { LABELS } from '../policy/labels.js';
import { CONTENT_STATES, CONTENT_TYPES } from '../policy/content.js';
import { Line, LocalizedText, ObjectIdString, PageQuery, Paragraphs, Slug } from './common.js';
import { FLAG_REASONS, ModerationEvent, READER_FLAG_REASONS } from './posts.js';

/** The states of a flag: open in the queue, resolved by an action on its item, or dismissed. */
export const FLAG_STATES = ['open', 'resolved', 'dismissed'] as const;

/** A labelled content type as it appears in paths and filters (`Post`, `Message`). */
export const ModeratedType = z.enum(CONTENT_TYPES);

/** Input to flag an item (a post or a room message): a reason and an optional note. */
export const ItemFlagCreate = z
  .object({ reason: z.enum(READER_FLAG_REASONS), note: Paragraphs(2000).optional() })
  .strict();

/** What the moderator may do with a flagged item, decided by the policy for this moderator. */
export const ModerationAbilities = z
  .object({
    quarantine: z.boolean(),
    restore: z.boolean(),
    raise: z.boolean(),
    lower: z.boolean(),
    delete: z.boolean(),
    move: z.boolean(),
  })
  .meta({ id: 'ModerationAbilities' });

/**
 * A flagged (or moderated) item as the console shows it. `content` is there only when the moderator
 * may read the item; the author's name is left out under the Chatham House Rule (the console is
 * outside the space).
 */
export const ModeratedItem = z
  .object({
    type: ModeratedType,
    id: ObjectIdString,
    space: z.object({ slug: Slug, name: z.string(), chathamHouse: z.boolean() }),
    hub: Slug.nullable(),
    label: z.enum(LABELS),
    state: z.enum(CONTENT_STATES),
    /** Where the item lives in the client (a topic page, a post page, a room). */
    link: z.string(),
    /** A forum topic or a plain post may move; a reply moves with its topic, a message stays. */
    movable: z.boolean(),
    content: z
      .object({ title: z.string().nullable(), excerpt: z.string(), author: z.string().nullable() })
      .nullable(),
    abilities: ModerationAbilities,
  })
  .meta({ id: 'ModeratedItem' });

/** A flag in the review queue. */
export const QueueFlag = z
  .object({
    id: ObjectIdString,
    reason: z.enum(FLAG_REASONS),
    note: z.string().nullable(),
    state: z.enum(FLAG_STATES),
    createdAt: z.string(),
    /** How the flag was closed: the action, who, when and why (null while open). */
    resolution: z
      .object({
        action: z.string(),
        by: z.string().nullable(),
        at: z.string(),
        reason: z.string().nullable(),
      })
      .nullable(),
    item: ModeratedItem,
  })
  .meta({ id: 'QueueFlag' });

/** Filters of the review queue: a hub (`network`: spaces outside any hub), state, kind and reason. */
export const QueueQuery = PageQuery.extend({
  hub: Slug.optional(),
  state: z.enum(FLAG_STATES).default('open'),
  kind: ModeratedType.optional(),
  reason: z.enum(FLAG_REASONS).optional(),
}).strict();

/** Filters of the queue's counts (every state and reason is counted). */
export const QueueCountsQuery = z.object({ hub: Slug.optional(), kind: ModeratedType.optional() }).strict();

/** How many flags the moderator may see, by state, and the open ones by reason. */
export const QueueCounts = z
  .object({
    byState: z.object({ open: z.number(), resolved: z.number(), dismissed: z.number() }),
    openByReason: z.record(z.string(), z.number()),
  })
  .meta({ id: 'QueueCounts' });

/** The hubs whose queue the moderator works (`network` for global moderators). */
export const QueueHubs = z
  .object({ hubs: z.array(z.object({ slug: Slug, name: LocalizedText })), network: z.boolean() })
  .meta({ id: 'QueueHubs' });

/** Path parameter naming a flag. */
export const FlagParams = z.object({ flag: ObjectIdString }).strict();

/** Path parameters naming an item of any labelled type. */
export const ModeratedItemParams = z.object({ type: ModeratedType, id: ObjectIdString }).strict();

/** A reason, required for every moderation action and dismissal. */
export const ActionReason = z.object({ reason: Line(2000) }).strict();

/** Input of a relabel from the console: the new label and a written justification. */
export const ActionRelabel = z.object({ label: z.enum(LABELS), justification: Line(2000) }).strict();

/** Input of a move from the console: the destination space, maybe a new label, and why. */
export const ActionMove = z
  .object({ to: Slug, label: z.enum(LABELS).optional(), justification: Line(2000) })
  .strict();

/** The queue-wide actions: several flags dismissed, or their items quarantined, with one reason. */
export const QueueBulkAction = z
  .object({
    flags: z.array(ObjectIdString).min(1).max(50),
    action: z.enum(['dismiss', 'quarantine']),
    reason: Line(2000),
  })
  .strict();

/** The outcome of a queue-wide action, flag by flag (a refusal names its stable reason). */
export const QueueBulkOutcome = z
  .object({
    results: z.array(
      z.object({
        flag: ObjectIdString,
        outcome: z.enum(['done', 'refused']),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'QueueBulkOutcome' });

/** One step of an item's history: a moderation action on the item, a flag, or a dismissal. */
export const HistoryStep = z
  .object({
    at: z.string(),
    action: z.string(),
    by: z.string().nullable(),
    reason: z.string().nullable(),
    from: z.enum(LABELS).nullable(),
    to: z.enum(LABELS).nullable(),
  })
  .meta({ id: 'HistoryStep' });

/** An item, its flags and its history, for a moderator. */
export const ModerationRecord = z
  .object({
    item: ModeratedItem,
    flags: z.array(QueueFlag.omit({ item: true })),
    history: z.array(HistoryStep),
  })
  .meta({ id: 'ModerationRecord' });

/** Filters of the moderators' audit view: who acted, on which item, which action. */
export const ModerationAuditQuery = PageQuery.extend({
  person: ObjectIdString.optional(),
  item: ObjectIdString.optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{1,60}$/)
    .optional(),
}).strict();

/** An audit entry as a moderator sees it. */
export const ModerationAuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    action: z.string(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
    target: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ModerationAuditEntry' });

/** Re-exported for the client: the moderation history entry and the flag reasons. */
export { FLAG_REASONS, ModerationEvent };
