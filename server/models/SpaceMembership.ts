/**
 * Explicit space memberships: one document per (space, person), re-used when a person rejoins, so a
 * unique index keeps joins idempotent without transactions. `leftAt` set means not a member now.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { SPACE_ROLES } from '../../shared/policy/spaces.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const spaceMembershipSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    role: { type: String, enum: SPACE_ROLES, required: true },
    joinedAt: { type: Date, required: true },
    leftAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
spaceMembershipSchema.index({ spaceId: 1, personId: 1 }, { unique: true });
spaceMembershipSchema.index({ personId: 1, leftAt: 1 });
spaceMembershipSchema.index({ spaceId: 1, leftAt: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
spaceMembershipSchema.plugin(auditOutboxPlugin);

/** A stored membership. */
export type SpaceMembershipDoc = InferSchemaType<typeof spaceMembershipSchema> & { _id: Types.ObjectId };

/** The space memberships collection. */
export const SpaceMembershipModel = model('SpaceMembership', spaceMembershipSchema);
