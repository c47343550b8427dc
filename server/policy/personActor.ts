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
  // One read by `_id` each, side by side: FerretDB answers an `_id` lookup from its primary key but
  // scans the whole collection for `_id: {$in}` (hundreds of ms among thousands of people, once per
  // batch of a handshake storm); MongoDB serves both from the `_id` index.
  const actors = await Promise.all(ids.map(loadActivePersonActor));
  return actors.filter((actor): actor is PersonActor => actor !== null);
}
