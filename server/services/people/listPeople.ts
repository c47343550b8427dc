/** Lists people by name for signed-in members, filtered by city, role, expertise or language. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PeopleListQuery } from '../../../shared/schemas/people.js';
import { PersonModel, type PersonDoc } from '../../models/Person.js';
import { accessFilter, authorize, can } from '../../policy/authorize.js';
import { cityBySlug, citySlugsById } from '../lookups.js';
import { readPage } from '../../db/pagination.js';
import { presentPerson } from '../presenters.js';

/** One page of people the actor may read. Anonymous actors are told to sign in. */
export async function listPeople(actor: Actor, query: z.infer<typeof PeopleListQuery>) {
  await authorize(actor, 'read', 'Person');
  const filter: Record<string, unknown> = {};
  if (query.city) {
    const city = await cityBySlug(query.city);
    if (!city || !can(actor, 'read', 'City', city)) return { items: [], nextCursor: null };
    filter.cityId = city._id;
  }
  if (query.role) filter.roles = query.role;
  if (query.expertise) filter.expertise = query.expertise;
  if (query.language) filter.languages = query.language;
  const stored = await readPage<PersonDoc>(PersonModel as never, {
    filters: [accessFilter(actor, 'read', 'Person'), filter],
    sortField: 'name',
    limit: query.limit,
    cursor: query.cursor,
  });
  const citySlugs = await citySlugsById(
    actor,
    stored.items.map((p) => p.cityId),
  );
  return {
    items: stored.items.map((p) => presentPerson(p, actor, citySlugs)),
    nextCursor: stored.nextCursor,
  };
}
