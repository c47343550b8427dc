/**
 * The authorizer (Discourse's Guardian idea): the actor's sharing ability is built once per loaded
 * sharing context (and again only if it was dropped from the few hundred kept) and every "may I?" of the sharing rules goes
 * through it. It also answers what an actor may do with an item or in a room, so responses carry the
 * abilities and the client shows controls from those alone (Outline's policies idea).
 */
import {
  defineSharingAbility,
  type SharingAbility,
  type SharingAction,
  type SharingSubjectType,
} from '../../shared/policy/sharing.js';
import type { ContentType } from '../../shared/policy/content.js';
import type { RoomAbilities } from '../../shared/events.js';
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { asSubject } from './authorize.js';

/**
 * How many built abilities are kept at most, the most recently used (see also
 * {@link KEPT_ABILITY_IDLE_MS}). An ability is some thirty CASL rules, each shared by the content
 * types (about 27 KB built, 33 KB once its conditions are compiled; it builds in about 0.1 ms). Kept
 * with every context for as long as the context lives, each joined socket held one (its room grant
 * keeps its context), so memory grew by that much per idle socket. Beyond this many, the least
 * recently used is dropped and built again when next asked for.
 */
export const KEPT_ABILITIES = 256;

/**
 * How long a kept ability may go unused before it is dropped: people who stopped acting (idle sockets,
 * ended requests) hold none, and whoever acts again has theirs built again.
 */
export const KEPT_ABILITY_IDLE_MS = 2 * 60_000;

/** A kept ability and when it was last asked for. */
interface KeptAbility {
  ability: SharingAbility;
  usedAt: number;
}

/** The kept abilities, in order of last use (the least recently used first). */
const built = new Map<SharingContext, KeptAbility>();
let sweeper: NodeJS.Timeout | null = null;

/**
 * The sharing ability of a loaded context, built on first use and kept while recently used (a
 * context is never changed once loaded: a permission change loads a new one). `now` is the time of
 * the asking.
 */
export function sharingAbilityOf(ctx: SharingContext, now = Date.now()): SharingAbility {
  const kept = built.get(ctx);
  if (kept) {
    built.delete(ctx);
    kept.usedAt = now;
    built.set(ctx, kept);
    return kept.ability;
  }
  const ability = defineSharingAbility(ctx);
  built.set(ctx, { ability, usedAt: now });
  if (built.size > KEPT_ABILITIES) built.delete(built.keys().next().value as SharingContext);
  // Swept now and then; the timer keeps no process alive.
  sweeper ??= setInterval(() => forgetIdleAbilities(Date.now()), KEPT_ABILITY_IDLE_MS / 4).unref();
  return ability;
}

/**
 * Drops the kept abilities unused for {@link KEPT_ABILITY_IDLE_MS} at `now`; returns how many. Every
 * entry is looked at (at most {@link KEPT_ABILITIES}): a clock set back leaves them out of order.
 */
export function forgetIdleAbilities(now: number): number {
  let dropped = 0;
  for (const [ctx, kept] of built) {
    if (now - kept.usedAt < KEPT_ABILITY_IDLE_MS) continue;
    built.delete(ctx);
    dropped += 1;
  }
  return dropped;
}

/** Whether the context's actor may act on the item (or the type); optionally on one field. */
export function allows(
  ctx: SharingContext,
  action: SharingAction,
  type: SharingSubjectType,
  doc?: Record<string, unknown>,
  field?: string,
): boolean {
  const ability = sharingAbilityOf(ctx);
  return doc
    ? ability.can(action, asSubject(type as never, doc) as never, field)
    : ability.can(action, type, field);
}

/** The facts of a room that its abilities depend on. */
interface RoomFacts {
  _id: unknown;
  hubId?: unknown;
  defaultLabel: string;
}

/**
 * What the actor may do to other people's messages in a room, asked of the policy on a probe: a
 * visible message of someone else at the room's default label. Their own messages add the author's
 * rights (edit, delete), which the client knows from the author id.
 */
export function roomAbilities(
  ctx: SharingContext,
  room: RoomFacts,
  type: ContentType = 'Message',
): RoomAbilities {
  const probe = {
    _id: null,
    spaceId: String(room._id),
    spaceHubId: room.hubId ? String(room.hubId) : null,
    label: room.defaultLabel,
    audienceIds: [],
    authorId: '000000000000000000000000',
    authorCityId: null,
    state: 'visible',
    published: false,
    topicHidden: false,
  };
  return {
    deleteAny: allows(ctx, 'delete', type, probe),
    quarantine: allows(ctx, 'quarantine', type, probe),
    relabel: allows(ctx, 'relabel', type, probe, 'raise'),
    // Anyone who receives other people's messages here may flag them (RED ones name the reader).
    flag: allows(ctx, 'flag', type, {
      ...probe,
      audienceIds: ctx.actor.kind === 'person' ? [ctx.actor.id] : [],
    }),
  };
}

/** What an actor may do with one item, sent with the item so the client shows controls from it alone. */
export interface ItemAbilities {
  update: boolean;
  delete: boolean;
  raise: boolean;
  lower: boolean;
  quarantine: boolean;
  flag: boolean;
  share: boolean;
  publish: boolean;
}

/** The abilities of the context's actor on a stored item of `type` (one ability, many questions). */
export function itemAbilities(
  ctx: SharingContext,
  type: ContentType,
  item: Record<string, unknown>,
): ItemAbilities {
  const may = (action: SharingAction, field?: string) => allows(ctx, action, type, item, field);
  return {
    update: may('update'),
    delete: may('delete'),
    raise: may('relabel', 'raise'),
    lower: may('relabel', 'lower'),
    quarantine: item.state === 'visible' && may('quarantine'),
    flag: may('flag'),
    share: may('share'),
    publish: item.published !== true && may('publish'),
  };
}

/** Whether the actor may reply to a forum topic: a locked topic takes replies from its forum's moderators only. */
export function mayReplyToTopic(
  ctx: SharingContext,
  space: Record<string, unknown> | { _id: unknown },
  topic: { locked?: boolean | null },
): boolean {
  return !topic.locked || allows(ctx, 'moderateForum', 'Space', space as Record<string, unknown>);
}

/**
 * Whether the context's actor takes part in a space (a room) now: the spaces the policy's
 * participation rules gave the loaded context. Open sockets keep a room only while this holds.
 */
export function takesPart(ctx: SharingContext, spaceId: string): boolean {
  return ctx.spaceIds.includes(spaceId);
}

/**
 * Whether the actor may reply to a forum topic now, as its `abilities.reply`: the topic takes
 * replies from them (see {@link mayReplyToTopic}) and they may post in its space at its label.
 */
export function replyAbility(
  ctx: SharingContext,
  space: Record<string, unknown> | { _id: unknown },
  topic: { locked?: boolean | null; spaceId: unknown; label: string },
): boolean {
  const author = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  return (
    author !== null &&
    mayReplyToTopic(ctx, space, topic) &&
    allows(ctx, 'create', 'Post', {
      _id: null,
      spaceId: String(topic.spaceId),
      label: topic.label,
      authorId: author,
    })
  );
}
