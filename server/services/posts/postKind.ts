/**
 * Posts, forum topics and forum replies as one content type of the kernel (services/content/): a
 * topic's replies follow it, a reply looks at its topic again once stored, and changes go to the
 * posts' processors on the domain bus.
 */
import { PostModel } from '../../models/Post.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import type { ContentKind } from '../content/contentKind.js';
import { followTopicNow } from '../forums/followTopicNow.js';
import { hideTopicReplies } from '../forums/hideTopicReplies.js';

/** The kernel's declaration of posts (forum topics and replies included). */
export const POST_KIND: ContentKind<'Post'> = {
  type: 'Post',
  noun: 'item',
  model: PostModel as never,
  searchTexts: (item) => [item.title ?? '', item.body],
  publish: (type, before, after) => emitContentEvent({ type, before, after }),
  followParent: (actor, item) => followTopicNow(actor, item),
  hideDependents: (item, hidden) => hideTopicReplies(item, hidden),
  touchParent: () => Promise.resolve(),
  notices: { quarantined: 'post.quarantined', restored: 'post.restored', deleted: 'post.deleted' },
  // Forum items: the rendering and every earlier version go with the text.
  erased: { title: '(deleted)', body: '(deleted)', tokens: [], published: false, html: null, revisions: [] },
  flagged: true,
  retentionSetting: 'POSTS',
};
