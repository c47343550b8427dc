/** Creates a person (admin, or the operator at the command line). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PersonCreate } from '../../../shared/schemas/people.js';
import { PersonModel } from '../../models/Person.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../errors.js';
import { cityBySlug } from '../lookups.js';
import { getPerson } from './getPerson.js';

/** Stores the person and returns them. Conflict when the e-mail is taken. */
export async function createPerson(actor: Actor, input: z.infer<typeof PersonCreate>) {
  await authorize(actor, 'create', 'Person');
  let cityId = null;
  if (input.city) {
    const city = await cityBySlug(input.city);
    if (!city)
      throw new InvalidError(`There is no city "${input.city}".`, [
        { path: 'city', message: 'unknown city' },
      ]);
    cityId = city._id;
  }
  try {
    const person = await PersonModel.create({
      name: input.name,
      email: input.email,
      cityId,
      organisation: input.organisation ?? null,
      roles: [...new Set(input.roles)],
      position: input.position ?? null,
      languages: [...new Set(input.languages)],
      expertise: [...new Set(input.expertise)],
      status: input.status,
    });
    await recordAudit(
      actor,
      'person.created',
      { type: 'Person', id: String(person._id) },
      { roles: input.roles, city: input.city ?? null },
    );
    return await getPerson(actor, String(person._id));
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError('A person with this e-mail address already exists.');
    throw error;
  }
}
