/**
 * A topic's quarantine covers its replies: they are separate posts, so each carries `topicHidden`
 * while its topic is quarantined, and the readable filter (shared/policy/content.ts) hides them in the
 * query itself (search, reads by id, notifications, lists, exports, sockets). Restoring the topic
 * clears the flag; a reply quarantined on its own stays quarantined.
 */
import type { PostDoc } from '../../models/Post.js';
import { PostModel } from '../../models/Post.js';
import { loadTopicReplies } from '../../policy/contentAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';

/** True for a forum topic (a post with a category and no topic of its own). */
export function isTopic(item: Pick<PostDoc, 'categoryId' | 'topicId'>): boolean {
  return Boolean(item.categoryId) && !item.topicId;
}

/**
 * Hides (or shows again) the replies of `topic` with it, and tells open clients through the
 * broadcaster (those who could read a reply get `post:removed`; on restore, readers get it back).
 * Returns how many replies changed.
 */
export async function hideTopicReplies(topic: PostDoc, hidden: boolean): Promise<number> {
  if (!isTopic(topic)) return 0;
  const replies = await loadTopicReplies(topic._id);
  await PostModel.updateMany({ topicId: topic._id }, { $set: { topicHidden: hidden } });
  const changed = replies.filter((r) => (r.topicHidden ?? false) !== hidden);
  for (const before of changed)
    emitContentEvent({
      type: hidden ? 'quarantined' : 'restored',
      before,
      after: { ...before, topicHidden: hidden },
    });
  return changed.length;
}
