/**
 * Room messages as one content type of the kernel (services/content/): a thread's replies follow its
 * first message, a reply looks at its root again once stored, and changes go to the rooms' processors
 * on the domain bus (with the people a new message mentions).
 */
import { extractMentionIds } from '../../../shared/text/mentions.js';
import { MessageModel } from '../../models/Message.js';
import type { ContentKind } from '../content/contentKind.js';
import { emitMessageEvent } from './messageEvents.js';
import { followRootNow, hideThreadReplies, touchThreadRoot } from './threadReplies.js';

/** The kernel's declaration of room messages. */
export const MESSAGE_KIND: ContentKind<'Message'> = {
  type: 'Message',
  noun: 'message',
  model: MessageModel as never,
  searchTexts: (item) => [item.body],
  publish: (type, before, after) =>
    emitMessageEvent({
      type,
      before,
      after,
      mentionIds:
        type === 'created' ? extractMentionIds(after.body).filter((id) => id !== String(after.authorId)) : [],
    }),
  followParent: (actor, item) => followRootNow(actor, item),
  hideDependents: (item, hidden) => hideThreadReplies(item, hidden),
  touchParent: (item) => touchThreadRoot(item),
  notices: { quarantined: 'message.quarantined', restored: 'message.restored', deleted: null },
  erased: { body: '', html: '', tokens: [], edits: [] },
  flagged: true,
  retentionSetting: 'MESSAGES',
};
