/**
 * GET /api/v1/experts/{person}: one listed expert's profile for a member of the directory; "not
 * found" unless the person is an active expert with a profile (the same condition as the list).
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ExpertProfile } from '../../../shared/schemas/experts.js';
import { NotFoundError } from '../../errors.js';
import { requireExpertRight } from './expertAccess.js';
import { listedProfile } from './listedProfile.js';
import { presentExpertProfile } from './presentExpertProfiles.js';

/** The expert's profile as the actor may see it. */
export async function getExpert(actor: Actor, person: string): Promise<z.infer<typeof ExpertProfile>> {
  await requireExpertRight(actor, 'browse', person);
  const profile = await listedProfile(new Types.ObjectId(person));
  if (!profile) throw new NotFoundError('Expert');
  return presentExpertProfile(actor, profile);
}
