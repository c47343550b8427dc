/** Creates a city (admin, or the operator at the command line). */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { PRINCIPLES_VERSION } from '../../../shared/principles.js';
import type { CityCreate } from '../../../shared/schemas/cities.js';
import { CityModel } from '../../models/City.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../../errors.js';
import { hubBySlug } from '../lookups.js';
import { getCity } from './getCity.js';

/** Stores the city; a member city records its pledge of the current principles. */
export async function createCity(actor: Actor, input: z.infer<typeof CityCreate>) {
  await authorize(actor, 'create', 'City');
  const hub = await hubBySlug(input.hub);
  if (!hub)
    throw new InvalidError(`There is no hub "${input.hub}".`, [{ path: 'hub', message: 'unknown hub' }]);
  const now = new Date();
  const member = input.status === 'member';
  // The city is stored with its audit entry (server/audit/auditOutbox.ts), under an id chosen first.
  const cityId = new Types.ObjectId();
  const audit = auditOutboxItem(
    actor,
    'city.created',
    { type: 'City', id: String(cityId), label: input.slug },
    { status: input.status, hub: input.hub },
  );
  try {
    const city = new CityModel({
      _id: cityId,
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      country: input.country,
      hubId: hub._id,
      status: input.status,
      iscSeat: input.iscSeat,
      pledge: input.pledgedBy
        ? { version: PRINCIPLES_VERSION, pledgedBy: input.pledgedBy, pledgedAt: now }
        : null,
      memberSince: member ? now : null,
    });
    city.set('auditOutbox', [audit]);
    await city.save();
  } catch (error) {
    if (isDuplicateKey(error))
      throw new ConflictError(`A city with the slug "${input.slug}" already exists.`);
    throw error;
  }
  await flushAuditOutbox(CityModel as never, cityId);
  return getCity(actor, input.slug);
}
