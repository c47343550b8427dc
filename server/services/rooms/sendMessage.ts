/**
 * Sends a message to a room. The person must take part in the room (decided at `room:join` and kept
 * as a grant, or now for REST); the label defaults to the room's default and is refused above its
 * ceiling, with a message naming the ceiling; flood control counts per person and per room. The
 * message is inserted once per (author, clientId): a retry, also a concurrent one, hits the unique
 * index, finds the stored message and answers with it, storing nothing new (no read before the insert:
 * the hot path is one insert, grouped with other sends waiting at that moment: storeMessages.ts).
 * The answer comes only after the insert is stored.
 * RED messages record their audience: the room's members at this moment (a thread's reply: never
 * below its root's label, and under a RED root only the root's audience; threadReplies.ts).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { stricterOf } from '../../../shared/policy/labels.js';
import type { MessageSend } from '../../../shared/schemas/rooms.js';
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { canShare } from '../../policy/sharingAccess.js';
import { loadContent, loadOwnMessageByClientId } from '../../policy/contentAccess.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { ConflictError, InvalidError } from '../../errors.js';
import { prepareContent, storeContent } from '../content/createContent.js';
import { consumePersonWrite, consumeRoomMessage } from './floodControl.js';
import { emitMessageEvent } from './messageEvents.js';
import { messageSubject } from './loadMessageFor.js';
import { MESSAGE_KIND } from './messageKind.js';
import { authorizeRoom, type RoomGrant } from './roomAccess.js';
import { storeMessage } from './storeMessages.js';
/** What a send returns: the stored message, and whether this call stored it. */
export interface SentMessage {
  message: MessageDoc;
  created: boolean;
}

async function threadRoot(grant: RoomGrant, threadId: string): Promise<MessageDoc> {
  const root = await loadContent(threadId, 'Message');
  const fits =
    root &&
    root.state === 'visible' &&
    String(root.spaceId) === grant.roomId &&
    root.threadId === null &&
    canShare(grant.ctx, 'read', 'Message', messageSubject(root));
  if (!root || !fits)
    throw new InvalidError('A reply needs a visible first message of a thread in the same room.', [
      { path: 'threadId', message: 'not a thread in this room' },
    ]);
  return root;
}

/** Sends the message; `grant` is the socket's authorisation from `room:join` (REST omits it). */
export async function sendMessage(
  actor: Actor,
  input: z.infer<typeof MessageSend>,
  known?: RoomGrant,
): Promise<SentMessage> {
  const grant = known ?? (await authorizeRoom(actor, input.roomId));
  const { space, actor: person } = grant;
  const root = input.threadId ? await threadRoot(grant, input.threadId) : null;
  // A reply defaults to its thread's label when that is above the room's default, and never goes below.
  const fallback = root ? stricterOf(root.label, space.defaultLabel) : space.defaultLabel;
  // The room grant is the policy's answer to taking part here (roomAccess.ts): not asked again.
  const prepared = await prepareContent(grant.ctx, MESSAGE_KIND, {
    space,
    label: input.label ?? fallback,
    parent: root ? { label: root.label, audienceIds: root.audienceIds, noun: 'thread' } : null,
    authorize: false,
    attachments: input.attachments,
  }).catch(async (error: unknown) => {
    // A retry of a message stored before its file was removed is answered with the stored message.
    const retried = input.attachments?.length
      ? await loadOwnMessageByClientId(person.id, input.clientId)
      : null;
    if (retried) return retried;
    throw error;
  });
  if ('clientId' in prepared) return answerRetry(prepared, input.roomId);

  try {
    await consumePersonWrite(person.id);
    await consumeRoomMessage(grant.roomId);
  } catch (error) {
    // A retry of a stored message is answered even past the limit (it stores nothing).
    const retried = await loadOwnMessageByClientId(person.id, input.clientId);
    if (retried) return answerRetry(retried, input.roomId);
    throw error;
  }
  const { item, created } = await storeContent(MESSAGE_KIND, prepared, {
    fields: {
      authorName: person.name,
      clientId: input.clientId,
      threadId: root?._id ?? null,
      body: input.body,
      html: renderMarkdown(input.body),
    },
    language: input.language,
    // Validated, then stored with whatever other sends are waiting (group commit: storeMessages.ts).
    insert: (doc) => storeMessage(new MessageModel(doc)),
    // A concurrent send with the same clientId won: answer with what it stored.
    retried: () => loadOwnMessageByClientId(person.id, input.clientId),
    hasParent: Boolean(root),
  });
  if (!created) return answerRetry(item, input.roomId);
  if (root && !item.topicHidden) await countReply(root);
  return { message: item, created: true };
}

function answerRetry(stored: MessageDoc, roomId: string): SentMessage {
  if (String(stored.spaceId) !== roomId)
    throw new ConflictError('This clientId was already used for a message in another room.');
  return { message: stored, created: false };
}

/** Adds one to the thread's reply count (atomically) and tells the room about the root. */
async function countReply(root: MessageDoc): Promise<void> {
  await MessageModel.updateOne({ _id: root._id }, { $inc: { replyCount: 1 } });
  const after = await loadContent(String(root._id), 'Message');
  if (after) emitMessageEvent({ type: 'updated', before: root, after, mentionIds: [] });
}
