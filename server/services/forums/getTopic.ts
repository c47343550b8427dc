/** Reads one topic the actor may read (views of AMBER+STRICT and RED are audited). */
import type { Actor } from '../../../shared/policy/actor.js';
import { recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { readableForumItem } from './forumAccess.js';
import { presentTopic } from './presentForum.js';

/** The topic as the actor may see it. */
export async function getTopic(actor: Actor, id: string) {
  const ctx = await loadSharingContext(actor);
  const topic = await readableForumItem(ctx, id, 'topic');
  await recordSensitiveAccess(ctx, [topic], 'view', 'rest.item');
  return presentTopic(ctx, topic);
}
