/**
 * The content side of an account's erasure: every item the person wrote (posts, room messages,
 * documents, expert requests, library records: every type of the kernel), in any state but deleted
 * and wherever they are now (the policy's `delete` rule for authors), is deleted to the kernel's
 * tombstone or kept as a former member's (erasureRules.ts). Then the name goes from what stays: a
 * message's stored author name, copies of their posts forwarded with their name, and their name in
 * moderation histories (as moderator, or as the author who deleted).
 */
import { CONTENT_KINDS } from '../contentKinds.js';
import type { ContentKind } from '../content/contentKind.js';
import type { PersonActor } from '../../../shared/policy/actor.js';
import { CONTENT_TYPES, type ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { DocumentDoc } from '../../models/Document.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { SpaceModel } from '../../models/Space.js';
import {
  findContentPage,
  loadContent,
  loadThreadReplies,
  loadTopicReplies,
} from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { isTopic } from '../forums/hideTopicReplies.js';
import { MESSAGE_KIND } from '../rooms/messageKind.js';
import { erasureOutcome } from './erasureRules.js';

/** An item the erasure handles (the kernel's labelled fields are all it reads of the others). */
type ErasedItem = PostDoc | MessageDoc | DocumentDoc;

/** What happened to the person's content. */
export interface ErasedContent {
  pseudonymised: number;
  deleted: number;
}

/** The reason written into each deleted item's history. */
export const ERASURE_REASON = 'erased with its author’s account';

const PAGE = 100;

/** Whether someone other than `authorId` replied to the item (a topic's or thread root's replies). */
async function othersReplied(type: ContentType, item: ErasedItem, authorId: string): Promise<boolean> {
  if (type !== 'Post' && type !== 'Message') return false; // versions, a room or reviews: no replies
  if (type === 'Post') {
    if (!isTopic(item as PostDoc)) return false;
    return (await loadTopicReplies(item._id)).some((r) => String(r.authorId) !== authorId);
  }
  if ((item as MessageDoc).threadId) return false;
  return (await loadThreadReplies(item._id)).some((r) => String(r.authorId) !== authorId);
}

async function spaceKinds(ids: unknown[]): Promise<Map<string, string>> {
  const spaces = await SpaceModel.find({ _id: { $in: [...new Set(ids.map(String))] } }, { kind: 1 }).lean();
  return new Map(spaces.map((s) => [String(s._id), s.kind]));
}

/** Deletes one item to its tombstone; a room message's thread follows as deleteMessage does. */
async function deleteItem(actor: PersonActor, type: ContentType, item: ErasedItem): Promise<boolean> {
  const tombstone = { reason: ERASURE_REASON, auditedReason: null, audit: false };
  // Every type but a room message is the kernel's alone here (a document's files are removed by the
  // `deleted` event's processor, fileHousekeeping.ts).
  if (type !== 'Message')
    return tombstoneContent(CONTENT_KINDS[type] as ContentKind, actor, item as never, tombstone);
  const done = await tombstoneContent(MESSAGE_KIND, actor, item as MessageDoc, tombstone);
  if (done) {
    const after = { ...item, state: 'deleted', ...MESSAGE_KIND.erased } as MessageDoc;
    await MESSAGE_KIND.hideDependents(after, true);
    await MESSAGE_KIND.touchParent(after);
  }
  return done;
}

/** Handles every item of one type; returns the counts and the ids of all items seen. */
async function eraseType(
  ctx: SharingContext,
  actor: PersonActor,
  type: ContentType,
  counts: ErasedContent,
): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await findContentPage(ctx, {
      type,
      action: 'delete',
      filters: [{ authorId: actor.id }],
      sortField: '_id',
      limit: PAGE,
      cursor,
    });
    const kinds = await spaceKinds(page.items.map((i) => i.spaceId));
    for (const item of page.items as ErasedItem[]) {
      seen.push(String(item._id));
      const outcome = erasureOutcome({
        label: item.label,
        spaceKind: kinds.get(String(item.spaceId)) ?? null,
        othersReplied: await othersReplied(type, item, actor.id),
      });
      if (outcome === 'keep') counts.pseudonymised += 1;
      else if (await deleteItem(actor, type, item)) counts.deleted += 1;
    }
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
}

/**
 * Removes the person's name from the moderation histories of these items (entries they wrote as a
 * moderator, or as the author deleting here): each history is rewritten whole, as FerretDB has
 * neither `arrayFilters` nor `$elemMatch` updates.
 */
async function forgetModeratorName(type: ContentType, ids: string[], personId: string): Promise<void> {
  const model = CONTENT_KINDS[type].model as unknown as typeof PostModel;
  for (const id of new Set(ids)) {
    const item = await loadContent(id, type);
    const history = (item?.moderation ?? []) as { byId?: unknown; byName?: unknown }[];
    if (!history.some((h) => String(h.byId) === personId && h.byName !== null)) continue;
    const moderation = history.map((h) => (String(h.byId) === personId ? { ...h, byName: null } : h));
    await model.updateOne({ _id: id } as never, { $set: { moderation } } as never);
  }
}

/** The items of one type whose history names the person as the one who acted (as a moderator). */
async function moderatedBy(ctx: SharingContext, type: ContentType, personId: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let round = 0; round < 100; round++) {
    const page = await findContentPage(ctx, {
      type,
      action: 'moderate',
      filters: [{ 'moderation.byId': personId }],
      sortField: '_id',
      limit: PAGE,
      cursor,
    });
    ids.push(...page.items.map((i) => String(i._id)));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ids;
}

/** Erases the person's content (see the module comment) and returns what was done. */
export async function eraseContent(actor: PersonActor): Promise<ErasedContent> {
  const ctx = await loadSharingContext(actor);
  const counts: ErasedContent = { pseudonymised: 0, deleted: 0 };
  // The tombstones name their author as who deleted them; that name goes below with the rest.
  const erased = new Map<ContentType, string[]>();
  for (const type of CONTENT_TYPES) erased.set(type, await eraseType(ctx, actor, type, counts));
  const postIds = erased.get('Post') ?? [];
  await MessageModel.updateMany({ authorId: actor.id } as never, { $set: { authorName: null } } as never);
  if (postIds.length > 0)
    await PostModel.updateMany(
      { 'forwardedFrom.postId': { $in: postIds } } as never,
      { $set: { 'forwardedFrom.authorName': null } } as never,
    );
  for (const [type, ids] of erased)
    await forgetModeratorName(type, [...ids, ...(await moderatedBy(ctx, type, actor.id))], actor.id);
  return counts;
}
