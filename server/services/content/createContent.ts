/**
 * Create, for every content type: the kernel's one road from a checked request to a stored, announced
 * item. {@link prepareContent} decides (the policy's create right, a reply's floor, the ceiling, the
 * RED audience snapshot, authorship and the search index); {@link storeContent} stores (once per
 * client id where the type has them), lets a reply look at its parent again, and publishes `created`.
 * A type's own service adds only what is its own: a room's flood control, a topic's read marker.
 * Chatham House authorship needs nothing here: the author is always stored, and presenters leave it
 * out on every exit that leaves the space (policy/contentAuthorship.ts).
 */
import type { Types } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { hasNamedAudience, isBelowParent, type Label } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ContentLanguage } from '../../../shared/languages.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import type { ContentType } from '../../../shared/policy/content.js';
import type { SpaceDoc } from '../../models/Space.js';
import type { ContentDocs } from '../../policy/contentAccess.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { ConflictError, InvalidError, UnauthenticatedError } from '../../errors.js';
import { withinParentAudience } from '../moderation/relabelContent.js';
import { checkAttachments } from './attachments.js';
import { requireWithinCeiling } from './ceiling.js';
import type { ContentKind } from './contentKind.js';

/** The item a reply lives under (a forum topic, a room thread's first message), and what to call it. */
export interface ParentItem {
  label: Label;
  audienceIds: unknown[];
  /** How refusals name it. */
  noun: 'topic' | 'thread';
}

/** The facts of a space that placing an item needs. */
export type PlacementSpace = Pick<
  SpaceDoc,
  '_id' | 'name' | 'kind' | 'hubId' | 'cityId' | 'leadersOnly' | 'ceiling'
>;

/** Where and how a new item is placed. */
export interface Placement {
  space: PlacementSpace;
  /** The label, already defaulted by the type (a space's default, a parent's label). */
  label: Label;
  parent?: ParentItem | null;
  /** The space's current members, when the caller has them already (for its own notices). */
  members?: string[];
  /** Whether the policy's `create` right is asked here; false where a room grant already decided. */
  authorize?: boolean;
  /** Documents of the space the item carries (checked by attachments.ts). */
  attachments?: readonly string[] | undefined;
}

/** The fields every labelled item is stored with. */
export interface LabelledFields {
  spaceId: unknown;
  spaceHubId: unknown;
  label: Label;
  audienceIds: string[];
  authorId: string;
  authorCityId: string | null;
  state: 'visible';
  published: false;
  /** Present only when the item carries files (the document model has no such field). */
  attachmentIds?: Types.ObjectId[];
}

/** A prepared item: its labelled fields, waiting for the type's own fields and the index. */
export interface PreparedContent {
  actor: Actor & { kind: 'person' };
  fields: LabelledFields;
}

/** Refuses a reply labelled below its parent (naming the parent's label): a reply is never readable where its parent is not. */
export function requireNotBelowParent(parent: Pick<ParentItem, 'label' | 'noun'>, label: Label): void {
  if (!isBelowParent(label, parent.label)) return;
  const what = parent.noun === 'topic' ? 'its topic' : 'the first message of its thread';
  throw new InvalidError(
    `A reply may not be labelled below ${what} (${parent.label}).`,
    [{ path: 'label', message: `below the ${parent.noun}'s label ${parent.label}` }],
    { reason: 'label_below_parent', params: { label, parent: parent.label } },
  );
}

/**
 * Decides whether the actor may place an item so, and with which labelled fields: refused when the
 * policy says no, below its parent's label, or above the space's ceiling (naming it; never
 * downgraded), or carrying files it may not (attachments.ts). RED records its audience: the space's
 * members now, kept to a RED parent's audience and to its RED files' audiences.
 */
export async function prepareContent(
  ctx: SharingContext,
  kind: Pick<ContentKind, 'type'>,
  placement: Placement,
): Promise<PreparedContent> {
  const actor = ctx.actor;
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const { space, label, parent } = placement;
  if (placement.authorize !== false)
    await authorizeSharing(ctx, 'create', kind.type, {
      _id: null,
      spaceId: space._id,
      label,
      authorId: actor.id,
    });
  if (parent) requireNotBelowParent(parent, label);
  requireWithinCeiling(label, space);
  const attached = await checkAttachments(ctx, space._id, label, placement.attachments);
  let audienceIds: string[] = [];
  if (hasNamedAudience(label)) {
    const members = placement.members ?? (await currentMemberIds(space));
    audienceIds = parent ? withinParentAudience(parent, members) : members;
    // Every reader of the item may open its files: a RED file's audience bounds the item's.
    const within = attached.audience ? new Set(attached.audience) : null;
    if (within) audienceIds = audienceIds.filter((id) => within.has(String(id)));
  }
  return {
    actor,
    fields: {
      spaceId: space._id,
      spaceHubId: space.hubId ?? null,
      label,
      audienceIds,
      authorId: actor.id,
      authorCityId: actor.cityId,
      state: 'visible',
      published: false,
      ...(attached.ids.length > 0 ? { attachmentIds: attached.ids } : {}),
    },
  };
}

/** What storing came to: the item, and whether this call stored it (false: a retried client id). */
export interface Stored<D> {
  item: D;
  created: boolean;
}

/** How a type inserts a document: stored, or already stored under the same client id. */
export type Insert<D> = (doc: Record<string, unknown>) => Promise<{ stored: D } | { duplicate: true }>;

/** The type's own fields of a new item, and how it is inserted. */
export interface ContentBody<T extends ContentType> {
  fields: Record<string, unknown> & { body: string; title?: string | null };
  /** The language the author chose; detected from the texts when absent. */
  language?: ContentLanguage | null;
  /** Inserts the document; by default `create` on the type's collection. */
  insert?: Insert<ContentDocs[T]>;
  /** Finds the author's item stored under the same client id (types with idempotent client ids). */
  retried?: () => Promise<ContentDocs[T] | null>;
  /** Whether the item has a parent to look at again once stored. */
  hasParent?: boolean;
  /**
   * The type's own work on the stored item before it is announced (a topic's read marker, notices):
   * open sockets hear of an item only once everything about it is in place.
   */
  beforeAnnounce?: (item: ContentDocs[T]) => Promise<void>;
}

async function createInsert<T extends ContentType>(
  kind: ContentKind<T>,
  doc: Record<string, unknown>,
): Promise<{ stored: ContentDocs[T] }> {
  const created = await kind.model.create(doc as never);
  return { stored: (created as { toObject(): unknown }).toObject() as ContentDocs[T] };
}

/**
 * Stores a prepared item with the type's own fields and its search index, once per client id; a
 * reply looks at its parent again; the type's own follow-up runs; then `created` is published unless
 * the item is hidden with its parent.
 * A retried client id answers with what is stored and publishes nothing.
 */
export async function storeContent<T extends ContentType>(
  kind: ContentKind<T>,
  prepared: PreparedContent,
  body: ContentBody<T>,
): Promise<Stored<ContentDocs[T]>> {
  const index = indexTokens(kind.searchTexts(body.fields), body.language);
  // The checked fields last: a type's own fields never override a label, audience, space or author.
  const doc = { ...body.fields, language: index.language, tokens: index.tokens, ...prepared.fields };
  const outcome = await (body.insert ?? ((d) => createInsert(kind, d)))(doc);
  if (!('stored' in outcome)) {
    const winner = body.retried ? await body.retried() : null;
    if (!winner) throw new ConflictError(`This ${kind.noun} is being stored; retry in a moment.`);
    return { item: winner, created: false };
  }
  const item = body.hasParent ? await kind.followParent(prepared.actor, outcome.stored) : outcome.stored;
  if (body.beforeAnnounce) await body.beforeAnnounce(item);
  if (!item.topicHidden) kind.publish('created', null, item);
  return { item, created: true };
}

/** Prepares and stores in one step, for types with no work of their own in between. */
export async function createContent<T extends ContentType>(
  ctx: SharingContext,
  kind: ContentKind<T>,
  placement: Placement,
  body: ContentBody<T>,
): Promise<Stored<ContentDocs[T]>> {
  return storeContent(kind, await prepareContent(ctx, kind, placement), {
    ...body,
    hasParent: body.hasParent ?? Boolean(placement.parent),
  });
}
