/**
 * Makes a person an explicit member of a space with a role, idempotently: one membership document per
 * (space, person) under the unique index, re-opened when they had left. Used by direct adds,
 * accepted invitations and group conversations.
 */
import type { Types } from 'mongoose';
import type { SpaceRole } from '../../../shared/policy/spaces.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { isDuplicateKey } from '../../errors.js';

/** Sets the membership; true when the person was not a member before. */
export async function ensureMembership(
  spaceId: Types.ObjectId | string,
  personId: string,
  role: SpaceRole,
): Promise<boolean> {
  const now = new Date();
  const reopened = await SpaceMembershipModel.updateOne(
    { spaceId, personId, leftAt: { $ne: null } },
    { $set: { joinedAt: now, leftAt: null, role } },
  );
  try {
    const upserted = await SpaceMembershipModel.updateOne(
      { spaceId, personId },
      { $set: { role }, $setOnInsert: { joinedAt: now, leftAt: null } },
      { upsert: true },
    );
    return reopened.modifiedCount > 0 || upserted.upsertedCount > 0;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return reopened.modifiedCount > 0;
  }
}
