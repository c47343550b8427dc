/**
 * GET /api/v1/me/expert-profile: the signed-in expert's own profile, private part included; before the
 * first save, a blank profile (`updatedAt` null) for the form to start from. Non-experts are refused.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ExpertProfile } from '../../../shared/schemas/experts.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { requireExpertRight } from './expertAccess.js';
import { blankProfile, presentExpertProfile } from './presentExpertProfiles.js';

/** The actor's own expert profile (or a blank one before the first save). */
export async function getMyExpertProfile(actor: Actor): Promise<z.infer<typeof ExpertProfile>> {
  await requireExpertRight(actor, 'keepProfile');
  if (actor.kind !== 'person') throw new Error('unreachable: only people keep a profile');
  const personId = new Types.ObjectId(actor.id);
  const stored = (await ExpertProfileModel.findOne({ personId }).lean()) as ExpertProfileDoc | null;
  return presentExpertProfile(actor, stored ?? blankProfile(personId), Boolean(stored));
}
