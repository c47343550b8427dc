/**
 * Edits one's own message (author only, while visible and while still taking part in the room). The
 * former body is kept in the message's edit history for moderators; the HTML and search tokens are
 * rendered again. Conditional on the version read, so two concurrent edits cannot lose a former body.
 */
import { takesPart } from '../../policy/authorizer.js';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { MessageEdit } from '../../../shared/schemas/rooms.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import { extractMentionIds } from '../../../shared/text/mentions.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { ConflictError, ForbiddenError } from '../../errors.js';
import { consumePersonWrite } from './floodControl.js';
import { loadMessageFor, messageSubject } from './loadMessageFor.js';
import { emitMessageEvent } from './messageEvents.js';
import { requirePerson } from './roomAccess.js';

/** Edits the body and returns the stored message. */
export async function editMessage(actor: Actor, input: z.infer<typeof MessageEdit>): Promise<MessageDoc> {
  const person = requirePerson(actor);
  const ctx = await loadSharingContext(person);
  const item = await loadMessageFor(ctx, input.messageId);
  await authorizeSharing(ctx, 'update', 'Message', messageSubject(item));
  if (!takesPart(ctx, String(item.spaceId)))
    throw new ForbiddenError('You no longer take part in this room.');
  await consumePersonWrite(person.id);
  if (input.body === item.body) return item;
  const now = new Date();
  // The stored language (given at send or detected) is kept; an unknown one is detected afresh.
  const index = indexTokens([input.body], contentLanguageOf(item.language));
  const result = await MessageModel.updateOne(
    { _id: item._id, state: 'visible', editedAt: item.editedAt ?? null, body: item.body },
    {
      $set: {
        body: input.body,
        html: renderMarkdown(input.body),
        tokens: index.tokens,
        language: index.language,
        editedAt: now,
      },
      $push: { edits: { at: now, body: item.body } },
    },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The message changed meanwhile; reload and try again.');
  const after = await loadContent(input.messageId, 'Message');
  if (!after) throw new ConflictError('The message is gone.');
  const before = new Set(extractMentionIds(item.body));
  emitMessageEvent({
    type: 'updated',
    before: item,
    after,
    mentionIds: extractMentionIds(input.body).filter((id) => !before.has(id) && id !== person.id),
  });
  return after;
}
