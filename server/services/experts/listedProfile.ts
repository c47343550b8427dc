/** Loads the profile of a listed expert (an active person with the expert role), or null. */
import type { Types } from 'mongoose';
import { isListedExpert } from '../../../shared/policy/experts.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { PersonModel } from '../../models/Person.js';

/** The stored profile of `personId` when they are a listed expert, else null. */
export async function listedProfile(personId: Types.ObjectId): Promise<ExpertProfileDoc | null> {
  const [person, profile] = await Promise.all([
    PersonModel.findById(personId, { roles: 1, status: 1 }).lean(),
    ExpertProfileModel.findOne({ personId }).lean(),
  ]);
  if (!person || !profile || !isListedExpert(person)) return null;
  return profile as ExpertProfileDoc;
}
