/**
 * Messages as clients receive them (MessageDelivery). The author is named: every delivery stays
 * inside the room (the Chatham House Rule hides names only outside the space). Reactions are
 * summarised from their own collection with one query per page.
 */
import type { MessageDelivery, ReactionSummary } from '../../../shared/events.js';
import type { Types } from 'mongoose';
import type { MessageDoc } from '../../models/Message.js';
import { ReactionModel } from '../../models/Reaction.js';

/** The delivery payload of one message (computed once per write, sent to every receiver). */
export function presentMessage(item: MessageDoc, reactions: ReactionSummary[] = []): MessageDelivery {
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
    replyCount: item.replyCount,
    reactions,
  };
}

/** The reaction summaries of messages, by message id (emoji in first-use order). */
export async function reactionsOf(messageIds: Types.ObjectId[]): Promise<Map<string, ReactionSummary[]>> {
  const result = new Map<string, ReactionSummary[]>();
  if (messageIds.length === 0) return result;
  const rows = await ReactionModel.find(
    { messageId: { $in: messageIds } },
    { messageId: 1, personId: 1, emoji: 1 },
  )
    .sort({ _id: 1 })
    .limit(10_000)
    .lean();
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

/** Presents a page of messages with their reactions. */
export async function presentMessages(items: MessageDoc[]): Promise<MessageDelivery[]> {
  const reactions = await reactionsOf(items.map((i) => i._id));
  return items.map((i) => presentMessage(i, reactions.get(String(i._id)) ?? []));
}
