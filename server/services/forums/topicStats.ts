/**
 * Per-reader facts about topics: replies the reader may read, how many of them are newer than the
 * reader's marker, and the reader's subscription. Counts come only from replies the policy lets the
 * reader read (findReadableReplyRefs), so no count reveals a reply the reader may not see.
 */
import type { Types } from 'mongoose';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { ForumReadMarkerModel } from '../../models/ForumReadMarker.js';
import { ForumSubscriptionModel } from '../../models/ForumSubscription.js';
import { findReadableReplyRefs } from '../../policy/contentAccess.js';

/** What one reader knows about one topic. */
export interface TopicStats {
  replies: number;
  unread: number;
  seen: boolean;
  subscribed: boolean;
  /** The newest reply the reader may read, or null. */
  newestReplyId: Types.ObjectId | null;
}

/** The stats of each topic for the reader, by topic id. */
export async function topicStats(
  ctx: SharingContext,
  topicIds: Types.ObjectId[],
): Promise<Map<string, TopicStats>> {
  const personId = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  const [refs, markers, subscriptions] = await Promise.all([
    findReadableReplyRefs(ctx, topicIds),
    personId
      ? ForumReadMarkerModel.find({ personId, topicId: { $in: topicIds } }, { topicId: 1, lastReadId: 1 })
          .limit(topicIds.length)
          .lean()
      : [],
    personId
      ? ForumSubscriptionModel.find({ personId, topicId: { $in: topicIds } }, { topicId: 1, subscribed: 1 })
          .limit(topicIds.length)
          .lean()
      : [],
  ]);
  const lastRead = new Map(markers.map((m) => [String(m.topicId), String(m.lastReadId)]));
  const subscribed = new Set(subscriptions.filter((s) => s.subscribed).map((s) => String(s.topicId)));
  const stats = new Map<string, TopicStats>(
    topicIds.map((id) => [
      String(id),
      {
        replies: 0,
        unread: 0,
        seen: lastRead.has(String(id)),
        subscribed: subscribed.has(String(id)),
        newestReplyId: null,
      },
    ]),
  );
  for (const ref of refs) {
    const entry = stats.get(String(ref.topicId));
    if (!entry) continue;
    entry.replies += 1;
    const marker = lastRead.get(String(ref.topicId));
    // ObjectIds made by this server grow with time, so "newer than the marker" is a string comparison.
    if (!marker || String(ref._id) > marker) entry.unread += 1;
    if (!entry.newestReplyId || String(ref._id) > String(entry.newestReplyId)) entry.newestReplyId = ref._id;
  }
  return stats;
}
