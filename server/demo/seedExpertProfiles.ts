/**
 * The demo's expert profiles (config/demo-data.json, `expertProfiles`): each demo expert saves their
 * own profile through the same service as the API (so the same checks apply), then the Management
 * Unit verifies it and sets the clearance, so the experts directory is not empty and matching has
 * verified candidates.
 */
import { z } from 'zod';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { LABELS } from '../../shared/policy/labels.js';
import { ExpertProfileUpdate } from '../../shared/schemas/experts.js';
import { updateMyExpertProfile } from '../services/experts/updateMyExpertProfile.js';
import { verifyExpert } from '../services/experts/verifyExpert.js';
import { demoActor } from './demoActors.js';

/** One demo expert's profile and the clearance the Management Unit gives them. */
export const DemoExpertProfile = z
  .object({ email: z.string(), clearance: z.enum(LABELS), profile: ExpertProfileUpdate })
  .strict();

/** Saves and verifies each demo expert's profile. */
export async function seedExpertProfiles(
  seeder: OperatorActor,
  profiles: z.infer<typeof DemoExpertProfile>[],
): Promise<void> {
  for (const { email, clearance, profile } of profiles) {
    const expert = await demoActor(email);
    await updateMyExpertProfile(expert, profile);
    await verifyExpert(seeder, expert.id, { verified: true, clearance });
  }
}
