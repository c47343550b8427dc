/** Creates a person (admin, or the operator at the command line). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PersonCreate } from '../../../shared/schemas/people.js';
import { Types } from 'mongoose';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { PersonModel } from '../../models/Person.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../../errors.js';
import { cityBySlug } from '../lookups.js';
import { getPerson } from './getPerson.js';

/**
 * Stores a person with a local account (no password yet: they set one from an invitation) and
 * returns them. Local accounts are unique by e-mail: Conflict when the e-mail is taken. People from
 * identity providers are made by sign-in (server/auth/saml/provisionPerson.ts), not here.
 */
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
  const personId = new Types.ObjectId();
  try {
    await LocalCredentialModel.create({ personId, email: input.email });
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError('A person with this e-mail address already exists.');
    throw error;
  }
  // The person is stored with the entry (server/audit/auditOutbox.ts): their document is the one
  // that makes them exist (a credential alone is removed again).
  try {
    const person = new PersonModel({
      _id: personId,
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
    person.set('auditOutbox', [
      auditOutboxItem(
        actor,
        'person.created',
        { type: 'Person', id: String(personId) },
        { roles: input.roles, city: input.city ?? null },
      ),
    ]);
    await person.save();
  } catch (error) {
    await LocalCredentialModel.deleteOne({ personId });
    throw error;
  }
  await flushAuditOutbox(PersonModel as never, personId);
  return getPerson(actor, String(personId));
}
