/**
 * An admin approves or declines an application. Approval creates the member city with the pledge the
 * applicant made, and invites the contact as the city's focal point.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ApplicationDecision } from '../../../shared/schemas/applications.js';
import { ApplicationModel } from '../../models/Application.js';
import { CityModel } from '../../models/City.js';
import { PersonModel } from '../../models/Person.js';
import { actorRecord, recordAudit } from '../../audit/recordAudit.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, InvalidError, NotFoundError, isDuplicateKey } from '../../errors.js';
import { cityBySlug, hubBySlug } from '../lookups.js';
import { getApplication } from './listApplications.js';
import { slugify } from './slugify.js';

function deciderName(actor: Actor): string {
  const record = actorRecord(actor);
  return record.name ?? 'unknown';
}

/** Applies the decision once; a second decision on the same application is a conflict. */
export async function decideApplication(
  actor: Actor,
  id: string,
  input: z.infer<typeof ApplicationDecision>,
) {
  // Asked before loading, so a refused caller learns nothing about which ids exist.
  await authorize(actor, 'decide', 'Application');
  const application = await ApplicationModel.findById(id).lean();
  if (!application) throw new NotFoundError('Application');
  await authorize(actor, 'decide', 'Application', application);
  if (application.status !== 'pending')
    throw new ConflictError(`This application was already ${application.status}.`);
  const decision = {
    by: deciderName(actor),
    at: new Date(),
    reason: input.reason ?? null,
    citySlug: null as string | null,
  };

  if (input.decision === 'decline') {
    const result = await ApplicationModel.updateOne(
      { _id: application._id, status: 'pending' },
      { $set: { status: 'declined', decision } },
    );
    if (result.modifiedCount !== 1) throw new ConflictError('This application was decided meanwhile.');
    await recordAudit(actor, 'application.declined', { type: 'Application', id }, { reason: input.reason });
    return getApplication(actor, id);
  }

  const hubSlug = input.hub ?? application.city.hub;
  if (!hubSlug)
    throw new InvalidError('Choose the hub of the new city.', [
      { path: 'hub', message: 'required: the application names no hub' },
    ]);
  const hub = await hubBySlug(hubSlug);
  if (!hub)
    throw new InvalidError(`There is no hub "${hubSlug}".`, [{ path: 'hub', message: 'unknown hub' }]);
  const slug = input.slug ?? slugify(application.city.name);
  if (!slug)
    throw new InvalidError('The city name gives no usable slug; choose one.', [
      { path: 'slug', message: 'required for this name' },
    ]);
  if (await cityBySlug(slug))
    throw new ConflictError(`A city with the slug "${slug}" already exists; choose another slug.`);

  decision.citySlug = slug;
  const claimed = await ApplicationModel.updateOne(
    { _id: application._id, status: 'pending' },
    { $set: { status: 'approved', decision } },
  );
  if (claimed.modifiedCount !== 1) throw new ConflictError('This application was decided meanwhile.');
  let cityId;
  try {
    const city = await CityModel.create({
      slug,
      name: application.city.name,
      kind: application.city.kind,
      country: application.city.country,
      hubId: hub._id,
      status: 'member',
      pledge: {
        version: application.pledge.version,
        pledgedBy: `${application.contact.name} (${application.contact.position})`,
        pledgedAt: application.pledge.pledgedAt,
      },
      memberSince: decision.at,
    });
    cityId = city._id;
  } catch (error) {
    // Without multi-document transactions, undo the claim so the admin can retry.
    await ApplicationModel.updateOne(
      { _id: application._id },
      { $set: { status: 'pending', decision: null } },
    );
    if (isDuplicateKey(error))
      throw new ConflictError(`A city with the slug "${slug}" already exists; choose another slug.`);
    throw error;
  }
  // Upsert, so a contact who became a person meanwhile is left as they are instead of failing the approval.
  const contact = await PersonModel.updateOne(
    { email: application.contact.email },
    {
      $setOnInsert: {
        name: application.contact.name,
        email: application.contact.email,
        cityId,
        organisation: null,
        roles: ['focal_point'],
        position: application.contact.position,
        languages: [],
        expertise: [],
        status: 'invited',
      },
    },
    { upsert: true },
  );
  const invited = contact.upsertedCount === 1 && contact.upsertedId !== null;
  if (invited) await CityModel.updateOne({ _id: cityId }, { $set: { focalPointIds: [contact.upsertedId] } });
  await recordAudit(
    actor,
    'application.approved',
    { type: 'Application', id },
    { city: slug, hub: hubSlug, contactInvited: invited },
  );
  return getApplication(actor, id);
}
