/** Changes a city's details: admins any field; the city's focal point its name and focal points. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { CityUpdate } from '../../../shared/schemas/cities.js';
import { CityModel } from '../../models/City.js';
import { PersonModel } from '../../models/Person.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize, can } from '../../policy/authorize.js';
import { InvalidError, NotFoundError } from '../../errors.js';
import { cityBySlug, hubBySlug } from '../lookups.js';
import { requireActivePeople } from '../people/requireActivePeople.js';
import { getCity } from './getCity.js';

/** Applies the change field by field, each checked against the policy. */
export async function updateCity(actor: Actor, slug: string, input: z.infer<typeof CityUpdate>) {
  const city = await cityBySlug(slug);
  if (!city || !can(actor, 'read', 'City', city)) throw new NotFoundError(`City "${slug}"`);
  const fields = Object.keys(input);
  for (const field of fields) await authorize(actor, 'update', 'City', city, field);

  const change: Record<string, unknown> = {};
  if (input.name !== undefined) change.name = input.name;
  if (input.kind !== undefined) change.kind = input.kind;
  if (input.iscSeat !== undefined) change.iscSeat = input.iscSeat;
  if (input.hub !== undefined) {
    const hub = await hubBySlug(input.hub);
    if (!hub)
      throw new InvalidError(`There is no hub "${input.hub}".`, [{ path: 'hub', message: 'unknown hub' }]);
    if (String(hub._id) !== String(city.hubId)) {
      change.hubId = hub._id;
      // Its people take part in another hub from now on: RED raises count them from now.
      change.statusChangedAt = new Date();
    }
  }
  if (input.focalPointIds !== undefined) {
    await requireActivePeople(input.focalPointIds, 'focalPointIds', String(city._id));
    change.focalPointIds = input.focalPointIds;
  }
  // Stored with the change (server/audit/auditOutbox.ts).
  await CityModel.updateOne(
    { _id: city._id },
    {
      $set: change,
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'city.updated',
          { type: 'City', id: String(city._id), label: slug },
          { changed: fields },
        ),
      ),
    },
  );
  await flushAuditOutbox(CityModel as never, city._id);
  // Derived membership follows the city's hub: its people's open sockets re-check their rooms.
  if (change.hubId) {
    const people = await PersonModel.find({ cityId: city._id }, { _id: 1 }).lean();
    for (const p of people) emitAccessEvent({ personId: String(p._id) });
  }
  return getCity(actor, slug);
}
