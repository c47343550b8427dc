/**
 * Adds or removes one's reaction on a message one may read, in a room one takes part in. One document
 * per (message, person, emoji): adding twice or removing twice changes nothing. The room (or, for RED,
 * the message's audience in the room) gets `reaction:updated` with the new summary.
 */
import type { ReactionSummary } from '../../../shared/events.js';
import type { Actor } from '../../../shared/policy/actor.js';
import { ReactionModel } from '../../models/Reaction.js';
import { loadContent } from '../../policy/contentAccess.js';
import { canShare } from '../../policy/sharingAccess.js';
import { NotFoundError, isDuplicateKey } from '../../errors.js';
import { consumePersonWrite } from './floodControl.js';
import { messageSubject } from './loadMessageFor.js';
import { emitReactionEvent } from './messageEvents.js';
import { reactionsOf } from './presentMessage.js';
import { authorizeRoom, requirePerson, type RoomGrant } from './roomAccess.js';

/** The most distinct emoji one message may carry. */
export const MAX_EMOJI_PER_MESSAGE = 20;

/** Adds (`add`) or removes one's reaction and returns the message's reactions. */
export async function react(
  actor: Actor,
  input: { messageId: string; emoji: string },
  change: 'add' | 'remove',
  grants: (roomId: string) => RoomGrant | undefined = () => undefined,
): Promise<{ messageId: string; reactions: ReactionSummary[] }> {
  const person = requirePerson(actor);
  const item = await loadContent(input.messageId, 'Message');
  if (!item) throw new NotFoundError('Message');
  const roomId = String(item.spaceId);
  const grant = grants(roomId) ?? (await authorizeRoom(person, roomId).catch(() => null));
  if (!grant || item.state !== 'visible' || !canShare(grant.ctx, 'read', 'Message', messageSubject(item)))
    throw new NotFoundError('Message');
  await consumePersonWrite(person.id);
  if (change === 'add') {
    const current = await reactionsOf([item._id]);
    const emojis = current.get(String(item._id)) ?? [];
    if (emojis.length >= MAX_EMOJI_PER_MESSAGE && !emojis.some((e) => e.emoji === input.emoji))
      return { messageId: input.messageId, reactions: emojis };
    try {
      await ReactionModel.create({
        messageId: item._id,
        spaceId: item.spaceId,
        personId: person.id,
        emoji: input.emoji,
        createdAt: new Date(),
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  } else {
    await ReactionModel.deleteOne({ messageId: item._id, personId: person.id, emoji: input.emoji });
  }
  const reactions = (await reactionsOf([item._id])).get(String(item._id)) ?? [];
  emitReactionEvent({ message: item, reactions });
  return { messageId: input.messageId, reactions };
}
