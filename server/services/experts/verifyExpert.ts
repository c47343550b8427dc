/**
 * POST /api/v1/experts/{person}/verification: the Management Unit (admins, global moderators) marks a
 * listed expert's profile verified or not and sets their clearance ceiling (the highest label they may
 * receive). Asked before loading, so a refused caller learns nothing about who is an expert. Audited
 * with the values before and after. Nobody verifies themself; a lower clearance takes the expert out of
 * the request rooms it no longer covers.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ExpertProfile, ExpertVerification } from '../../../shared/schemas/experts.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { releaseExcludedExpert } from '../requests/releaseExcludedExpert.js';
import { requireExpertRight } from './expertAccess.js';
import { listedProfile } from './listedProfile.js';
import { presentExpertProfile } from './presentExpertProfiles.js';

/** Stores the verification and clearance; returns the profile as the Management Unit sees it. */
export async function verifyExpert(
  actor: Actor,
  person: string,
  input: z.infer<typeof ExpertVerification>,
): Promise<z.infer<typeof ExpertProfile>> {
  await requireExpertRight(actor, 'verify', person);
  if (actor.kind === 'person' && actor.id === person)
    throw new ForbiddenError(
      'Another member of the Management Unit verifies your profile and sets your clearance.',
    );
  const profile = await listedProfile(new Types.ObjectId(person));
  if (!profile) throw new NotFoundError('Expert');
  const verifier = actor.kind === 'person' ? new Types.ObjectId(actor.id) : null;
  const result = await ExpertProfileModel.updateOne(
    { _id: profile._id, updatedAt: profile.updatedAt },
    {
      $set: {
        clearance: input.clearance,
        verifiedAt: input.verified ? new Date() : null,
        verifiedBy: input.verified ? verifier : null,
      },
      // Stored with the verification (server/audit/auditOutbox.ts).
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          input.verified ? 'expert_profile.verified' : 'expert_profile.unverified',
          { type: 'ExpertProfile', id: person },
          {
            from: { verified: Boolean(profile.verifiedAt), clearance: profile.clearance },
            to: { verified: input.verified, clearance: input.clearance },
          },
        ),
      ),
    },
  );
  if (result.matchedCount !== 1)
    throw new ConflictError('The profile changed meanwhile; reload and try again.');
  await flushAuditOutbox(ExpertProfileModel as never, profile._id);
  // A lower clearance takes the expert out of the rooms it no longer covers.
  await releaseExcludedExpert(actor, person);
  const stored = (await ExpertProfileModel.findById(profile._id).lean()) as ExpertProfileDoc | null;
  if (!stored) throw new NotFoundError('Expert');
  return presentExpertProfile(actor, stored);
}
