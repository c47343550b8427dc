/**
 * The only road to read labelled content, for every content type (posts, room messages). Every content
 * query in the services goes through {@link readableContentFilter} (lists, search, counts,
 * notifications, exports, public pages, broadcasts, room history and missed messages); single items are
 * loaded with {@link loadContent} and checked per item. A test greps the server for content reads that
 * bypass this file. Functions take the content type last, defaulting to `Post`.
 */
import type { Model, Types } from 'mongoose';
import { asLabel, liveCondition, type ContentAction, type ContentType } from '../../shared/policy/content.js';
import { ACCESS_AUDITED, LABELS, type Label } from '../../shared/policy/labels.js';
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { recordAudit } from '../audit/recordAudit.js';
import { DocumentModel, type DocumentDoc } from '../models/Document.js';
import { ExpertRequestModel, type ExpertRequestDoc } from '../models/ExpertRequest.js';
import { LibraryRecordModel, type LibraryRecordDoc } from '../models/LibraryRecord.js';
import { MessageModel, type MessageDoc } from '../models/Message.js';
import { PostModel, type PostDoc } from '../models/Post.js';
import { readPage, type StoredPage } from '../db/pagination.js';
import { probeContext } from './probeContext.js';
import { sharingFilter } from './sharingAccess.js';

/** The stored document of each content type. */
export interface ContentDocs {
  Post: PostDoc;
  Message: MessageDoc;
  Document: DocumentDoc;
  ExpertRequest: ExpertRequestDoc;
  LibraryRecord: LibraryRecordDoc;
}

const MODELS: Record<ContentType, Model<never>> = {
  Post: PostModel as never,
  Message: MessageModel as never,
  Document: DocumentModel as never,
  ExpertRequest: ExpertRequestModel as never,
  LibraryRecord: LibraryRecordModel as never,
};

/** The collection of a content type (for the reads below only). */
function model(type: ContentType): Model<never> {
  return MODELS[type];
}

/** The query filter of the content the actor may `action` (read by default). Combine under `$and`. */
export function readableContentFilter(
  ctx: SharingContext,
  action: ContentAction = 'read',
  type: ContentType = 'Post',
): Record<string, unknown> {
  return sharingFilter(ctx, action, type);
}

/** One page of content the actor may `action`, with extra filters kept whole under `$and`. */
export async function findContentPage<T extends ContentType = 'Post'>(
  ctx: SharingContext,
  request: {
    type?: T;
    action?: ContentAction;
    filters: Record<string, unknown>[];
    sortField: string;
    limit: number;
    cursor: string | undefined;
    direction?: 'asc' | 'desc';
  },
): Promise<StoredPage<ContentDocs[T]>> {
  const type = request.type ?? 'Post';
  return readPage<ContentDocs[T]>(model(type), {
    filters: [readableContentFilter(ctx, request.action ?? 'read', type), ...request.filters],
    sortField: request.sortField,
    limit: request.limit,
    cursor: request.cursor,
    direction: request.direction,
  });
}

/** The items among `ids` that the actor may `action`. */
export async function findContentByIds<T extends ContentType = 'Post'>(
  ctx: SharingContext,
  ids: (Types.ObjectId | string)[],
  action: ContentAction = 'read',
  type: T = 'Post' as T,
): Promise<ContentDocs[T][]> {
  if (ids.length === 0) return [];
  return (await model(type)
    .find({
      $and: [readableContentFilter(ctx, action, type), { _id: { $in: ids } }],
    } as never)
    .lean()) as unknown as ContentDocs[T][];
}

/**
 * Loads one item by id for a per-item decision. The caller must check it with the policy before
 * showing anything (see getPost, loadMessageFor); writes use conditional updates on the loaded state.
 */
export async function loadContent<T extends ContentType = 'Post'>(
  id: string,
  type: T = 'Post' as T,
): Promise<ContentDocs[T] | null> {
  return (await model(type).findById(id).lean()) as unknown as ContentDocs[T] | null;
}

/**
 * Loads items by id for per-item decisions (as {@link loadContent}, many at once): the caller checks
 * each with the policy before showing anything.
 */
export async function loadContents<T extends ContentType = 'Post'>(
  ids: readonly (Types.ObjectId | string)[],
  type: T = 'Post' as T,
): Promise<ContentDocs[T][]> {
  if (ids.length === 0) return [];
  return (await model(type)
    .find({ _id: { $in: ids } } as never)
    .limit(ids.length)
    .lean()) as unknown as ContentDocs[T][];
}

/**
 * The highest label of the live room messages and documents of a space (an expert request's room), or
 * null when it holds none: an expert joining the room must be cleared for all of it. Labels only.
 */
export async function highestLiveLabelIn(spaceId: Types.ObjectId | string): Promise<Label | null> {
  for (const label of [...LABELS].reverse()) {
    const filter = { spaceId, label, state: 'visible' } as never;
    const [message, document] = await Promise.all([
      MessageModel.findOne(filter, { _id: 1 }).lean(),
      DocumentModel.findOne(filter, { _id: 1 }).lean(),
    ]);
    if (message || document) return label;
  }
  return null;
}

/** A room, and the oldest message id wanted from it. */
export interface RoomFloor {
  spaceId: Types.ObjectId | string;
  floor: Types.ObjectId;
}

/**
 * The live messages of some rooms, each from its floor on, newest first, at most `limit` in all, that
 * every person taking part in those rooms may read: the query carries the policy's filter for a probe
 * who takes part in them and is named by no RED audience (probeContext.ts). One read shared by the
 * missed messages of the sockets rejoining those rooms together (services/rooms/roomTail.ts), for
 * readers who take part in the room; RED messages naming a reader are read with that reader's own
 * filter (see {@link loadRedAudiences}).
 */
export async function loadRoomTails(rooms: RoomFloor[], limit: number): Promise<MessageDoc[]> {
  if (rooms.length === 0) return [];
  const member = probeContext(rooms.map((room) => String(room.spaceId)));
  return (await MessageModel.find({
    $and: [readableContentFilter(member, 'read', 'Message'), roomRanges(rooms)],
  } as never)
    .sort({ _id: -1 })
    .limit(limit)
    .lean()) as unknown as MessageDoc[];
}

/**
 * The people named by the RED audiences of the rooms' live RED messages from their floors on (ids
 * only, no content, shown to nobody): which rejoining readers have RED messages to read with their
 * own filter.
 */
export async function loadRedAudiences(rooms: RoomFloor[]): Promise<Set<string>> {
  if (rooms.length === 0) return new Set();
  const found = (await MessageModel.find(
    { $and: [roomRanges(rooms), { label: 'RED', ...liveCondition('Message') }] } as never,
    { audienceIds: 1 },
  ).lean()) as unknown as Pick<MessageDoc, 'audienceIds'>[];
  return new Set(found.flatMap((message) => message.audienceIds.map(String)));
}

/** The condition "in one of the rooms, from its floor on". */
function roomRanges(rooms: RoomFloor[]): Record<string, unknown> {
  const ranges = rooms.map(({ spaceId, floor }) => ({ spaceId, _id: { $gte: floor } }));
  return ranges.length === 1 ? (ranges[0] as Record<string, unknown>) : { $or: ranges };
}

/** The most items a document's change refreshes on open screens. */
export const MAX_CARRIERS = 500;

/**
 * The live room messages that carry document `documentId` (for open screens to drop or relabel it
 * when the document changes); each is presented again through the policy before it is sent.
 */
export async function loadMessagesCarrying(documentId: Types.ObjectId | string): Promise<MessageDoc[]> {
  return (await MessageModel.find({ attachmentIds: documentId, state: 'visible' })
    .limit(MAX_CARRIERS)
    .lean()) as MessageDoc[];
}

/**
 * The author's own message sent with `clientId` (the idempotency key), for answering a retried send
 * with the stored message. Only ever the caller's own material: `authorId` is the actor's id.
 */
export async function loadOwnMessageByClientId(
  authorId: string,
  clientId: string,
): Promise<MessageDoc | null> {
  return (await MessageModel.findOne({ authorId, clientId }).lean()) as unknown as MessageDoc | null;
}

/** Records a view (or download) of every AMBER+STRICT and RED item shown, for the originator to read. */
export async function recordSensitiveAccess(
  ctx: SharingContext,
  items: { _id: unknown; label: string }[],
  how: 'view' | 'download',
  channel: string,
  type: ContentType = 'Post',
): Promise<void> {
  for (const item of items) {
    const label = asLabel(item.label);
    if (!ACCESS_AUDITED.includes(label)) continue;
    await recordAudit(
      ctx.actor,
      how === 'view' ? 'content.viewed' : 'content.downloaded',
      {
        type,
        id: String(item._id),
        label,
      },
      { channel },
    );
  }
}

/** The policy fields of an item, without its title, body or author. */
export type ContentMeta = Pick<
  PostDoc,
  '_id' | 'spaceId' | 'spaceHubId' | 'label' | 'state' | 'authorCityId'
>;

/**
 * The policy fields only (no title, body or author) of items, by ids or of a forum topic's replies,
 * for moderation queues and moves. Ids may name any content type (`type`, posts by default).
 */
export async function loadContentMeta(
  which: (Types.ObjectId | string)[] | { topicId: Types.ObjectId | string },
  type: ContentType = 'Post',
): Promise<ContentMeta[]> {
  if (Array.isArray(which) && which.length === 0) return [];
  return (await model(type)
    .find((Array.isArray(which) ? { _id: { $in: which } } : { topicId: which.topicId }) as never, {
      _id: 1,
      spaceId: 1,
      spaceHubId: 1,
      label: 1,
      state: 1,
      authorCityId: 1,
    })
    .limit(Array.isArray(which) ? which.length : MAX_REPLY_REFS)
    .lean()) as unknown as ContentMeta[];
}

/**
 * The replies of a forum topic that are not deleted, whole, for the writes that carry a topic's change
 * to its replies (quarantine, restore, raise, delete). Nothing read here is shown: each reply is written
 * with a conditional update and told to open clients through the broadcaster, which decides per person.
 */
export async function loadTopicReplies(topicId: Types.ObjectId | string): Promise<PostDoc[]> {
  return (await PostModel.find({ topicId, state: { $ne: 'deleted' } } as never)
    .sort({ _id: 1 })
    .limit(MAX_REPLY_REFS)
    .lean()) as unknown as PostDoc[];
}

/**
 * The replies of a room thread that are not deleted, whole, for the writes that carry a root's change
 * to its replies (quarantine, restore, deletion, raise). Nothing read here is shown: each is written
 * with a conditional update and told to open clients through the room fan-out.
 */
export async function loadThreadReplies(rootId: Types.ObjectId | string): Promise<MessageDoc[]> {
  return (await MessageModel.find({ threadId: rootId, state: { $ne: 'deleted' } } as never)
    .sort({ _id: 1 })
    .limit(MAX_REPLY_REFS)
    .lean()) as unknown as MessageDoc[];
}

/** How many replies per-reader counts look at, at most, for one page of topics. */
export const MAX_REPLY_REFS = 20_000;

/**
 * The ids (with their topic) of the forum replies among `topicIds` that the actor may read: the only
 * input of per-reader reply and unread counts, so counts never include what the reader may not read.
 */
export async function findReadableReplyRefs(
  ctx: SharingContext,
  topicIds: Types.ObjectId[],
): Promise<{ _id: Types.ObjectId; topicId: Types.ObjectId }[]> {
  if (topicIds.length === 0) return [];
  return (await PostModel.find(
    { $and: [readableContentFilter(ctx, 'read'), { topicId: { $in: topicIds } }] } as never,
    { _id: 1, topicId: 1 },
  )
    .limit(MAX_REPLY_REFS)
    .lean()) as unknown as { _id: Types.ObjectId; topicId: Types.ObjectId }[];
}

/**
 * The thread ids of the room replies under `rootIds` that the actor may read: the only input of a
 * thread's per-reader reply count (SHARING.md, "Readings settled": counts count only what the reader
 * may read).
 */
export async function findReadableThreadReplyRefs(
  ctx: SharingContext,
  rootIds: Types.ObjectId[],
): Promise<{ threadId: Types.ObjectId }[]> {
  if (rootIds.length === 0) return [];
  return (await MessageModel.find(
    { $and: [readableContentFilter(ctx, 'read', 'Message'), { threadId: { $in: rootIds } }] } as never,
    { _id: 0, threadId: 1 },
  )
    .limit(MAX_REPLY_REFS)
    .lean()) as unknown as { threadId: Types.ObjectId }[];
}

/**
 * The label and RED audience (no body, no author) of the live replies of one room thread, for
 * working out each open client's reply count in a live update. Nothing read here is shown.
 */
export async function loadThreadReplyAudiences(
  rootId: Types.ObjectId | string,
): Promise<Pick<MessageDoc, 'label' | 'audienceIds'>[]> {
  return (await MessageModel.find({ threadId: rootId, ...liveCondition('Message') } as never, {
    _id: 0,
    label: 1,
    audienceIds: 1,
  })
    .limit(MAX_REPLY_REFS)
    .lean()) as unknown as Pick<MessageDoc, 'label' | 'audienceIds'>[];
}

/**
 * Search candidates: the newest `limit` items of one content collection matching `filter` (the token
 * lookup) that the actor may read, the readable filter kept whole under `$and` in the query itself.
 * Ranking happens on this already-filtered set, so no unreadable item is ever counted or shown.
 */
export async function findReadableMatches<T>(
  ctx: SharingContext,
  type: ContentType,
  filter: Record<string, unknown>,
  limit: number,
  projection: Record<string, 0 | 1>,
): Promise<T[]> {
  return (await model(type)
    .find({ $and: [readableContentFilter(ctx, 'read', type), filter] } as never, projection)
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean()) as unknown as T[];
}

/**
 * For the operator's search re-indexing only: the next `limit` items after `afterId` (by _id) with
 * the fields the index is computed from. Nothing read here is shown to anyone; the caller writes
 * tokens back and prints counts.
 */
export async function readIndexBatch<T>(
  type: ContentType,
  afterId: Types.ObjectId | null,
  limit: number,
  fields: string[],
): Promise<T[]> {
  const projection = Object.fromEntries(
    ['_id', 'updatedAt', 'language', 'tokens', ...fields].map((f) => [f, 1]),
  );
  return (await model(type)
    .find((afterId ? { _id: { $gt: afterId } } : {}) as never, projection)
    .sort({ _id: 1 })
    .limit(limit)
    .lean()) as unknown as T[];
}
