/**
 * Who hears about a forum item: mentioned people and the topic's subscribers, but only those who may
 * read the item now (decided person by person by the policy, with fresh contexts). A mention wins
 * over a reply notice, so nobody is told twice; the author is never told about their own words.
 */
import type { Types } from 'mongoose';
import { extractMentionIds } from '../../../shared/text/mentions.js';
import { ForumSubscriptionModel } from '../../models/ForumSubscription.js';
import type { PostDoc } from '../../models/Post.js';
import { afterWrite } from '../../events/afterWrite.js';
import { readersAmong as readersOf } from '../../policy/readersAmong.js';
import { notify } from '../notifications/notify.js';

/** How many subscribers one reply notifies at most (the rest still see it as unread). */
export const MAX_REPLY_NOTICES = 2_000;

/** Up to this many subscribers are told within the reply's request; more are told in the background. */
export const INLINE_REPLY_NOTICES = 50;

/** The people among `ids` (active) who may read the item now (the policy, in a few queries). */
export function readersAmong(item: PostDoc, ids: string[]): Promise<string[]> {
  return readersOf('Post', item, ids);
}

/** Subscribes a person to a topic unless they chose otherwise before (authors and repliers). */
export async function autoSubscribe(personId: string, topicId: Types.ObjectId): Promise<void> {
  await ForumSubscriptionModel.updateOne(
    { personId, topicId },
    { $setOnInsert: { subscribed: true, updatedAt: new Date() } },
    { upsert: true },
  ).catch((error: unknown) => {
    // A concurrent upsert won the unique index: the subscription exists, which is all we wanted.
    if ((error as { code?: unknown }).code !== 11000) throw error;
  });
}

/**
 * Notifies the readers among the people mentioned in `text` (optionally only those not already
 * mentioned in `previous`), and for a reply the topic's subscribers who may read it.
 */
export async function notifyForumItem(
  item: PostDoc,
  text: { body: string; previous?: string },
  subscribersOf: Types.ObjectId | null = null,
): Promise<void> {
  const author = String(item.authorId);
  const before = new Set(text.previous === undefined ? [] : extractMentionIds(text.previous));
  const mentioned = extractMentionIds(text.body).filter((id) => id !== author && !before.has(id));
  const mentionedReaders = await readersAmong(item, mentioned);
  await notify(mentionedReaders, item, 'post.mentioned');
  if (!subscribersOf) return;
  // The author's own subscription takes no place under the cap.
  const subscriptions = await ForumSubscriptionModel.find(
    { topicId: subscribersOf, subscribed: true, personId: { $ne: item.authorId } },
    { personId: 1 },
  )
    .limit(MAX_REPLY_NOTICES)
    .lean();
  const told = new Set([author, ...mentioned]);
  const subscribers = subscriptions.map((s) => String(s.personId)).filter((id) => !told.has(id));
  const noticeReaders = async () => notify(await readersAmong(item, subscribers), item, 'post.replied');
  // A large audience is told in the background, so a reply answers as fast to 2,000 subscribers as
  // to 2; a small one at once (the reply's own author sees their notice list as it stands).
  if (subscribers.length > INLINE_REPLY_NOTICES) afterWrite('forum reply notices', noticeReaders);
  else await noticeReaders();
}
