/** Turns a stored person into the actor of their requests. */
import type { PersonActor } from '../../../shared/policy/actor.js';
import type { PersonDoc } from '../../models/Person.js';

/** The actor for a person, with ids as strings as the policy expects. */
export function personActor(person: Pick<PersonDoc, '_id' | 'name' | 'cityId' | 'roles'>): PersonActor {
  return {
    kind: 'person',
    id: String(person._id),
    name: person.name,
    cityId: person.cityId ? String(person.cityId) : null,
    roles: [...person.roles],
  };
}
