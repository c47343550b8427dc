/** Moves a city along its membership lifecycle (admin), with a reason kept in the audit log. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { PRINCIPLES_VERSION } from '../../../shared/principles.js';
import { CITY_STATUS_TRANSITIONS, type CityStatusChange } from '../../../shared/schemas/cities.js';
import { CityModel } from '../../models/City.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize, can } from '../../policy/authorize.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { cityBySlug } from '../lookups.js';
import { getCity } from './getCity.js';
import { PersonModel } from '../../models/Person.js';
import { emitAccessEvent } from '../../events/contentEvents.js';

/** Applies the step if the lifecycle allows it; a city becomes a member only with a recorded pledge. */
export async function changeCityStatus(actor: Actor, slug: string, input: z.infer<typeof CityStatusChange>) {
  const city = await cityBySlug(slug);
  if (!city || !can(actor, 'read', 'City', city)) throw new NotFoundError(`City "${slug}"`);
  await authorize(actor, 'setStatus', 'City', city);
  const allowed = CITY_STATUS_TRANSITIONS[city.status];
  if (!allowed.includes(input.status)) {
    throw new ConflictError(
      `A city that is "${city.status}" can become ${allowed.map((s) => `"${s}"`).join(' or ')}, not "${input.status}".`,
    );
  }
  const change: Record<string, unknown> = { status: input.status, statusChangedAt: new Date() };
  if (input.status === 'member') {
    if (!city.pledge && !input.pledgedBy) {
      throw new ConflictError(
        'The city has no recorded pledge of the principles: give pledgedBy to record it.',
      );
    }
    if (input.pledgedBy)
      change.pledge = { version: PRINCIPLES_VERSION, pledgedBy: input.pledgedBy, pledgedAt: new Date() };
    if (!city.memberSince) change.memberSince = new Date();
  }
  // The filter on the old status makes two concurrent changes unable to both apply.
  // The audit entry is stored with the change (server/audit/auditOutbox.ts).
  const audit = auditOutboxItem(
    actor,
    'city.status_changed',
    { type: 'City', id: String(city._id), label: slug },
    { from: city.status, to: input.status, reason: input.reason },
  );
  const result = await CityModel.updateOne(
    { _id: city._id, status: city.status },
    { $set: change, ...auditOutboxPush(audit) },
  );
  if (result.modifiedCount !== 1)
    throw new ConflictError('The city changed meanwhile; reload and try again.');
  await flushAuditOutbox(CityModel as never, city._id);
  // Derived membership follows the city's status: its people's open sockets re-check their rooms.
  const people = await PersonModel.find({ cityId: city._id }, { _id: 1 }).lean();
  for (const p of people) emitAccessEvent({ personId: String(p._id) });
  return getCity(actor, slug);
}
