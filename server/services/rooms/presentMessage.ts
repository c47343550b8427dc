/**
 * Messages as clients receive them (MessageDelivery). The author is named: every delivery stays
 * inside the room (the Chatham House Rule hides names only outside the space). Reactions are
 * summarised from their own collection with one query per page. A thread's reply count is the
 * reader's own: it counts only the replies that reader may read (SHARING.md, "Readings settled"), so
 * the stored `replyCount` is used only as a hint that a thread has replies at all.
 */
import type { MessageDelivery, ReactionSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { hasNamedAudience } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { Types } from 'mongoose';
import type { MessageDoc } from '../../models/Message.js';
import { ReactionModel } from '../../models/Reaction.js';
import { findReadableThreadReplyRefs, loadThreadReplyAudiences } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import type { AttachmentView } from '../../../shared/schemas/attachments.js';
import { attachmentsOf } from '../documents/presentAttachments.js';
import { batchLoader } from '../../db/batchLoader.js';
import { groupBy } from '../../../shared/groupBy.js';

/**
 * The delivery payload of one message, with the reply count of the reader it is for (0 for a
 * message that starts no thread, or has no reply that reader may read).
 */
export function presentMessage(
  item: MessageDoc,
  reactions: ReactionSummary[] = [],
  replyCount = 0,
  attachments: AttachmentView[] = [],
): MessageDelivery {
  const visible = item.state === 'visible';
  return {
    id: String(item._id),
    clientId: item.clientId,
    roomId: String(item.spaceId),
    threadId: item.threadId ? String(item.threadId) : null,
    label: item.label,
    body: visible ? item.body : '',
    html: visible ? item.html : '',
    language: item.language ?? null,
    author: { id: String(item.authorId), name: item.authorName },
    state: item.state,
    createdAt: item.createdAt.toISOString(),
    editedAt: item.editedAt ? item.editedAt.toISOString() : null,
    replyCount,
    reactions,
    attachments: visible ? attachments : [],
  };
}

/** True when the message starts a thread that has had replies (the stored count is a hint only). */
export function hasReplies(item: Pick<MessageDoc, 'threadId' | 'replyCount'>): boolean {
  return item.threadId === null && item.replyCount > 0;
}

/** The most reactions one read returns for a page of up to 200 messages (a batch of more reads more). */
const REACTIONS_PER_PAGE = 10_000;
const PAGE = 200;

interface ReactionRow {
  messageId: Types.ObjectId;
  personId: Types.ObjectId;
  emoji: string;
}

/** Reactions of the messages asked for close together, read in one query (batchLoader.ts). */
const loadReactionRows = batchLoader(async (messageIds: string[]) => {
  const rows = (await ReactionModel.find(
    { messageId: { $in: messageIds } },
    { messageId: 1, personId: 1, emoji: 1 },
  )
    .sort({ _id: 1 })
    .limit(REACTIONS_PER_PAGE * Math.ceil(messageIds.length / PAGE))
    .lean()) as ReactionRow[];
  return groupBy(rows, (row) => String(row.messageId));
});

/** The reaction summaries of messages, by message id (emoji in first-use order). */
export async function reactionsOf(messageIds: Types.ObjectId[]): Promise<Map<string, ReactionSummary[]>> {
  const result = new Map<string, ReactionSummary[]>();
  if (messageIds.length === 0) return result;
  const rows = (await Promise.all(messageIds.map((id) => loadReactionRows(String(id))))).flatMap(
    (found) => found ?? [],
  );
  for (const row of rows) {
    const key = String(row.messageId);
    const list = result.get(key) ?? [];
    let summary = list.find((s) => s.emoji === row.emoji);
    if (!summary) {
      summary = { emoji: row.emoji, count: 0, personIds: [] };
      list.push(summary);
    }
    summary.count += 1;
    summary.personIds.push(String(row.personId));
    result.set(key, list);
  }
  return result;
}

/** The reader's reply count of each thread root among `items`, by root id (readable replies only). */
async function readableReplyCounts(
  reader: SharingContext | Actor,
  items: MessageDoc[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const roots = items.filter(hasReplies).map((i) => i._id);
  if (roots.length === 0) return counts;
  const ctx = 'spaceIds' in reader ? reader : await loadSharingContext(reader);
  for (const ref of await findReadableThreadReplyRefs(ctx, roots)) {
    const key = String(ref.threadId);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The files of each message the reader may open, by message id (the context loaded only when one has files). */
async function readableAttachments(
  reader: SharingContext | Actor,
  items: MessageDoc[],
): Promise<Map<string, AttachmentView[]>> {
  if (!items.some((i) => (i.attachmentIds?.length ?? 0) > 0)) return new Map();
  const ctx = 'spaceIds' in reader ? reader : await loadSharingContext(reader);
  return attachmentsOf(ctx, items);
}

/**
 * Presents a page of messages for one reader: their reactions, reply counts over the replies this
 * reader may read and the files this reader may open (the reader's sharing context is loaded only when
 * a message has replies or files).
 */
export async function presentMessages(
  reader: SharingContext | Actor,
  items: MessageDoc[],
): Promise<MessageDelivery[]> {
  const [reactions, counts, files] = await Promise.all([
    reactionsOf(items.map((i) => i._id)),
    readableReplyCounts(reader, items),
    readableAttachments(reader, items),
  ]);
  return items.map((i) =>
    presentMessage(
      i,
      reactions.get(String(i._id)) ?? [],
      counts.get(String(i._id)) ?? 0,
      files.get(String(i._id)) ?? [],
    ),
  );
}

/** The files of a message that every reader of it may open, for a delivery computed once for the room. */
export async function roomWideAttachments(item: MessageDoc): Promise<AttachmentView[]> {
  if ((item.attachmentIds?.length ?? 0) === 0) return [];
  return (await attachmentsOf('every reader', [item])).get(String(item._id)) ?? [];
}

/**
 * A thread root's reply count for each reader of a live update: `shared` for every reader of the
 * root outside any RED reply's audience (the live replies below RED, which every room member reads),
 * and `byPerson` for the people some RED reply names, whose counts add those replies.
 */
export interface ThreadCounts {
  shared: number;
  byPerson: Map<string, number>;
}

/** The per-reader reply counts of a thread root (see {@link ThreadCounts}). */
export async function threadCounts(root: MessageDoc): Promise<ThreadCounts> {
  if (!hasReplies(root)) return { shared: 0, byPerson: new Map() };
  const replies = await loadThreadReplyAudiences(root._id);
  let shared = 0;
  const extra = new Map<string, number>();
  for (const reply of replies) {
    if (!hasNamedAudience(reply.label)) shared += 1;
    else for (const id of reply.audienceIds) extra.set(String(id), (extra.get(String(id)) ?? 0) + 1);
  }
  const byPerson = new Map([...extra].map(([id, n]) => [id, shared + n]));
  return { shared, byPerson };
}
