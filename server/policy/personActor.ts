/** Turns a stored person into the actor of their requests, and loads active people as actors. */
import type { PersonActor } from '../../shared/policy/actor.js';
import { PersonModel, type PersonDoc } from '../models/Person.js';

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

/** The actor of the person with this id when they are active now, else null (one read by `_id`). */
export async function loadActivePersonActor(id: string): Promise<PersonActor | null> {
  const person = await PersonModel.findById(id, { name: 1, cityId: 1, roles: 1, status: 1 }).lean();
  return person && person.status === 'active' ? personActor(person) : null;
}

/** The actors of the people among `ids` who are active now. */
export async function loadActivePersonActors(ids: string[]): Promise<PersonActor[]> {
  if (ids.length === 0) return [];
  const people = await PersonModel.find(
    { _id: { $in: ids }, status: 'active' },
    { name: 1, cityId: 1, roles: 1 },
  )
    .batchSize(ids.length)
    .lean();
  return people.map(personActor);
}
