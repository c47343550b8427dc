/** Reads one person. Someone the actor may not read is "not found". */
import type { Actor } from '../../../shared/policy/actor.js';
import { PersonModel } from '../../models/Person.js';
import { authorize, can } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { citySlugsById } from '../lookups.js';
import { presentPerson } from '../presenters.js';

/** The person as the actor sees them. */
export async function getPerson(actor: Actor, id: string) {
  await authorize(actor, 'read', 'Person');
  const person = await PersonModel.findById(id).lean();
  if (!person || !can(actor, 'read', 'Person', person)) throw new NotFoundError('Person');
  return presentPerson(person, actor, await citySlugsById(actor, [person.cityId]));
}
