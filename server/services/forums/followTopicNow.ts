/**
 * A forum reply just stored looks at its topic again before anyone is sent it: a quarantine, deletion
 * or raise of the topic that ran while the reply was being stored may have passed over the replies
 * before this one existed.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { isBelowParent } from '../../../shared/policy/labels.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadContent } from '../../policy/contentAccess.js';
import { applyLabel } from '../moderation/relabelContent.js';

/**
 * Hides the reply with a topic that is no longer visible, or gives it the topic's new label (never
 * below its topic; audited, recorded on the reply, the topic's RED audience, as a topic's raise does
 * to each reply in posts/relabelPost.ts). Returns the reply as it now stands.
 */
export async function followTopicNow(actor: Actor, reply: PostDoc): Promise<PostDoc> {
  if (!reply.topicId) return reply;
  const topicNow = await loadContent(String(reply.topicId));
  if (topicNow?.state !== 'visible') {
    await PostModel.updateOne({ _id: reply._id }, { $set: { topicHidden: true } });
    return { ...reply, topicHidden: true };
  }
  if (!isBelowParent(reply.label, topicNow.label)) return reply;
  return applyLabel(actor, reply, topicNow.label, `raised with its topic to ${topicNow.label}`, {
    action: 'relabel',
    audience: topicNow.audienceIds,
  });
}
