/** Subscribes to or unsubscribes from a topic the actor may read; an unsubscription is remembered. */
import type { Actor } from '../../../shared/policy/actor.js';
import { ForumSubscriptionModel } from '../../models/ForumSubscription.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError, isDuplicateKey } from '../../errors.js';
import { readableForumItem } from './forumAccess.js';

/** Sets the subscription; idempotent. */
export async function setSubscription(actor: Actor, id: string, subscribed: boolean) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, id, 'topic');
  const write = () =>
    ForumSubscriptionModel.updateOne(
      { personId: actor.id, topicId: topic._id },
      { $set: { subscribed, updatedAt: new Date() } },
      { upsert: true },
    );
  // Two concurrent upserts: one wins the unique index, the other then updates the stored row.
  await write().catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
    return write();
  });
  return { topic: id, subscribed };
}
