/** People: one document per person, whatever way they sign in. */
import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../../shared/roles.js';
import { PERSON_STATUSES } from '../../shared/schemas/people.js';
import { auditOutboxPlugin } from './auditOutbox.js';

const personSchema = new Schema(
  {
    name: { type: String, required: true },
    email: { type: String, required: true },
    cityId: { type: Schema.Types.ObjectId, default: null },
    organisation: { type: String, default: null },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    position: { type: String, default: null },
    languages: { type: [String], default: [] },
    expertise: { type: [String], default: [] },
    status: { type: String, enum: PERSON_STATUSES, required: true },
    /**
     * When the person's present participation began, if later than their creation: the last change
     * that may have widened where they take part (a role gained, a return to active, a move to
     * another city). A RED raise counts only people present when the item was first shared.
     */
    participationSince: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
// Not unique: the same e-mail at two identity providers is two people. Local accounts are unique by
// e-mail in LocalCredential; identity-provider accounts by (provider, subject) in PersonIdentity.
personSchema.index({ email: 1 });
personSchema.index({ status: 1, name: 1, _id: 1 });
personSchema.index({ cityId: 1, name: 1, _id: 1 });
personSchema.index({ name: 1, _id: 1 });
personSchema.index({ roles: 1, name: 1, _id: 1 });
personSchema.index({ expertise: 1, status: 1 });
// Pending audit entries written with each change (server/audit/auditOutbox.ts).
personSchema.plugin(auditOutboxPlugin);

/** A stored person. */
export type PersonDoc = InferSchemaType<typeof personSchema> & { _id: Types.ObjectId };

/** The people collection. */
export const PersonModel = model('Person', personSchema);
