/**
 * Moves one's read marker in a room to a message one may read there. The marker only moves forward:
 * the update is conditional on a smaller stored id, and an upsert that meets the unique
 * (person, room) index means the stored marker is already at or past it.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { Types } from 'mongoose';
import { ReadMarkerModel } from '../../models/ReadMarker.js';
import { loadContent } from '../../policy/contentAccess.js';
import { canShare } from '../../policy/sharingAccess.js';
import { NotFoundError, isDuplicateKey } from '../../errors.js';
import { messageSubject } from './loadMessageFor.js';
import { emitReadEvent } from './messageEvents.js';
import { authorizeRoom, requirePerson, type RoomGrant } from './roomAccess.js';

/** Moves the marker; answers where it stands now. */
export async function markRead(
  actor: Actor,
  input: { roomId: string; messageId: string },
  known?: RoomGrant,
): Promise<{ roomId: string; messageId: string }> {
  const person = requirePerson(actor);
  const grant = known ?? (await authorizeRoom(person, input.roomId));
  const item = await loadContent(input.messageId, 'Message');
  if (
    !item ||
    String(item.spaceId) !== grant.roomId ||
    item.state !== 'visible' ||
    !canShare(grant.ctx, 'read', 'Message', messageSubject(item))
  )
    throw new NotFoundError('Message');
  const messageId = new Types.ObjectId(input.messageId);
  let moved = false;
  try {
    const result = await ReadMarkerModel.updateOne(
      { personId: person.id, spaceId: item.spaceId, messageId: { $lt: messageId } },
      { $set: { messageId, updatedAt: new Date() } },
      { upsert: true },
    );
    moved = result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  if (moved) {
    emitReadEvent({ message: item, personId: person.id });
    return { roomId: grant.roomId, messageId: input.messageId };
  }
  const current = await ReadMarkerModel.findOne(
    { personId: person.id, spaceId: item.spaceId },
    { messageId: 1 },
  ).lean();
  return { roomId: grant.roomId, messageId: current ? String(current.messageId) : input.messageId };
}
