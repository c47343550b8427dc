/**
 * Marks a topic read up to a reply the reader may read (by default the newest such reply, or the
 * topic itself when it has none). Markers only move forward, so an older tab cannot move one back.
 */
import type { Types } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { ForumReadMarkerModel } from '../../models/ForumReadMarker.js';
import { findContentByIds } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { NotFoundError, UnauthenticatedError, isDuplicateKey } from '../../errors.js';
import { readableForumItem } from './forumAccess.js';
import { topicStats } from './topicStats.js';

/** Moves the reader's marker forward to `upTo` (or the newest readable reply). */
export async function markTopicRead(actor: Actor, id: string, upTo: string | undefined) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, id, 'topic');
  let target: Types.ObjectId;
  if (upTo) {
    const [reply] = await findContentByIds(ctx, [upTo]);
    if (!reply || String(reply.topicId) !== String(topic._id)) throw new NotFoundError('Reply');
    target = reply._id;
  } else {
    const stats = (await topicStats(ctx, [topic._id])).get(String(topic._id));
    target = stats?.newestReplyId ?? topic._id;
  }
  const at = new Date();
  const moved = await ForumReadMarkerModel.updateOne(
    { personId: actor.id, topicId: topic._id, lastReadId: { $lt: target } },
    { $set: { lastReadId: target, at } },
  );
  if (moved.matchedCount === 0)
    await ForumReadMarkerModel.create({
      personId: actor.id,
      topicId: topic._id,
      lastReadId: target,
      at,
    }).catch((error: unknown) => {
      // A marker exists already, at or past the target: nothing to move.
      if (!isDuplicateKey(error)) throw error;
    });
  const stats = (await topicStats(ctx, [topic._id])).get(String(topic._id));
  const marker = await ForumReadMarkerModel.findOne({ personId: actor.id, topicId: topic._id }).lean();
  return {
    topic: id,
    lastReadId: marker ? String(marker.lastReadId) : null,
    unread: stats?.unread ?? 0,
  };
}
