/**
 * Who hears about a forum item: mentioned people and the topic's subscribers, but only those who may
 * read the item now (decided person by person by the policy, with fresh contexts). A mention wins
 * over a reply notice, so nobody is told twice; the author is never told about their own words.
 */
import type { Types } from 'mongoose';
import { extractMentionIds } from '../../../shared/text/mentions.js';
import { ForumSubscriptionModel } from '../../models/ForumSubscription.js';
import { PersonModel } from '../../models/Person.js';
import type { PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { canShare } from '../../policy/sharingAccess.js';
import { notify } from '../notifications/notify.js';
import { personActor } from '../../policy/personActor.js';
import { subjectOf } from '../posts/loadPostFor.js';

/** How many subscribers one reply notifies at most (the rest still see it as unread). */
export const MAX_REPLY_NOTICES = 2_000;

/** The people among `ids` (active) who may read the item now. */
export async function readersAmong(item: PostDoc, ids: string[]): Promise<string[]> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return [];
  const people = await PersonModel.find({ _id: { $in: distinct }, status: 'active' }).lean();
  const readers: string[] = [];
  for (const person of people) {
    const ctx = await loadSharingContext(personActor(person));
    if (canShare(ctx, 'read', 'Post', subjectOf(item))) readers.push(String(person._id));
  }
  return readers;
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
  const subscriptions = await ForumSubscriptionModel.find(
    { topicId: subscribersOf, subscribed: true },
    { personId: 1 },
  )
    .limit(MAX_REPLY_NOTICES)
    .lean();
  const told = new Set([author, ...mentioned]);
  const subscribers = subscriptions.map((s) => String(s.personId)).filter((id) => !told.has(id));
  await notify(await readersAmong(item, subscribers), item, 'post.replied');
}
