/**
 * Invitations to spaces: one document per (space, person), re-used when the person is invited again
 * after answering, so the unique index keeps one pending invitation per person and space without
 * transactions. `status` moves pending → accepted | declined | revoked by conditional updates.
 */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { INVITATION_ROLES, INVITATION_STATUSES } from '../../shared/schemas/invitations.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const spaceInvitationSchema = new Schema(
  {
    spaceId: { type: Schema.Types.ObjectId, required: true },
    personId: { type: Schema.Types.ObjectId, required: true },
    /** Who invited: a person id, or the operator's kind. */
    invitedBy: { type: String, required: true },
    role: { type: String, enum: INVITATION_ROLES, required: true },
    status: { type: String, enum: INVITATION_STATUSES, required: true },
    invitedAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
  },
  { strict: 'throw' },
);
spaceInvitationSchema.index({ spaceId: 1, personId: 1 }, { unique: true });
spaceInvitationSchema.index({ personId: 1, status: 1, _id: 1 });
spaceInvitationSchema.index({ spaceId: 1, status: 1, _id: 1 });

// Pending audit entries written with each change (server/audit/auditOutbox.ts).
spaceInvitationSchema.plugin(auditOutboxPlugin);

/** A stored invitation. */
export type SpaceInvitationDoc = InferSchemaType<typeof spaceInvitationSchema> & { _id: Types.ObjectId };

/** The space invitations collection. */
export const SpaceInvitationModel = model('SpaceInvitation', spaceInvitationSchema);
