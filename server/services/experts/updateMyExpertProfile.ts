/**
 * PUT /api/v1/me/expert-profile: the expert replaces their own profile (created by the first save).
 * Regions must be hubs and conflict cities known cities, else a 400 naming the field and nothing is
 * stored. A change of what the Management Unit vouched for (VERIFIED_FIELDS: topics, languages,
 * formats, regions, conflicts) clears the verification. The write is conditional on the version read,
 * so a verification made meanwhile is never silently overwritten. Audited.
 */
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { VERIFIED_FIELDS } from '../../../shared/policy/experts.js';
import type { ExpertProfile, ExpertProfileUpdate } from '../../../shared/schemas/experts.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { CityModel } from '../../models/City.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { HubModel } from '../../models/Hub.js';
import { ConflictError, InvalidError, isDuplicateKey, type FieldError } from '../../errors.js';
import { releaseExcludedExpert } from '../requests/releaseExcludedExpert.js';
import { requireExpertRight } from './expertAccess.js';
import { presentExpertProfile } from './presentExpertProfiles.js';

type Update = z.infer<typeof ExpertProfileUpdate>;

/** The ids of the named hubs and cities; unknown names become field errors. */
async function resolveNames(input: Update): Promise<{ cityIds: Types.ObjectId[]; errors: FieldError[] }> {
  const [hubs, cities] = await Promise.all([
    HubModel.find({ slug: { $in: input.regions } }, { slug: 1 }).lean(),
    CityModel.find({ slug: { $in: input.conflicts.cities } }, { slug: 1 }).lean(),
  ]);
  const hubSlugs = new Set(hubs.map((h) => h.slug));
  const cityIds = new Map(cities.map((c) => [c.slug, c._id as Types.ObjectId]));
  const errors: FieldError[] = [
    ...input.regions.flatMap((slug, i) =>
      hubSlugs.has(slug) ? [] : [{ path: `body.regions.${i}`, message: `no region (hub) "${slug}"` }],
    ),
    ...input.conflicts.cities.flatMap((slug, i) =>
      cityIds.has(slug) ? [] : [{ path: `body.conflicts.cities.${i}`, message: `no city "${slug}"` }],
    ),
  ];
  return { cityIds: input.conflicts.cities.flatMap((slug) => cityIds.get(slug) ?? []), errors };
}

/** The stored shape of a field, for comparison (order of lists does not matter). */
function comparable(doc: object, field: string): string {
  const value = (doc as Record<string, unknown>)[field];
  if (field === 'languages')
    return JSON.stringify(
      (value as { code: string; proficiency: string }[]).map((l) => `${l.code}:${l.proficiency}`).sort(),
    );
  if (field === 'conflicts') {
    const c = value as { cityIds: unknown[]; countries: string[]; organisations: string[] };
    return JSON.stringify([
      c.cityIds.map(String).sort(),
      [...c.countries].sort(),
      [...c.organisations].sort(),
    ]);
  }
  return JSON.stringify([...(value as string[])].sort());
}

/** Stores the actor's profile and returns it as they see it. */
export async function updateMyExpertProfile(
  actor: Actor,
  input: Update,
): Promise<z.infer<typeof ExpertProfile>> {
  await requireExpertRight(actor, 'keepProfile');
  if (actor.kind !== 'person') throw new Error('unreachable: only people keep a profile');
  const { cityIds, errors } = await resolveNames(input);
  if (errors.length > 0) throw new InvalidError('Some names in the profile are not known.', errors);
  const personId = new Types.ObjectId(actor.id);
  const fields = {
    summary: input.summary,
    topics: input.topics,
    languages: input.languages,
    regions: input.regions,
    countries: input.countries,
    formats: input.formats,
    availability: input.availability,
    timeZone: input.timeZone,
    maxConcurrent: input.maxConcurrent,
    conflicts: {
      cityIds,
      countries: input.conflicts.countries,
      organisations: input.conflicts.organisations,
    },
  };
  const before = (await ExpertProfileModel.findOne({ personId }).lean()) as ExpertProfileDoc | null;
  const changed = before
    ? VERIFIED_FIELDS.filter((f) => comparable(before, f) !== comparable(fields, f))
    : [...VERIFIED_FIELDS];
  const clears = Boolean(before?.verifiedAt) && changed.length > 0;
  // The profile is stored with its entry (server/audit/auditOutbox.ts).
  const entry = auditOutboxItem(
    actor,
    before ? 'expert_profile.updated' : 'expert_profile.created',
    { type: 'ExpertProfile', id: actor.id },
    { changed, verificationCleared: clears },
  );
  const profileId = before?._id ?? new Types.ObjectId();
  if (before) {
    const result = await ExpertProfileModel.updateOne(
      { _id: before._id, updatedAt: before.updatedAt },
      {
        $set: clears ? { ...fields, verifiedAt: null, verifiedBy: null } : fields,
        ...auditOutboxPush(entry),
      },
    );
    if (result.matchedCount !== 1)
      throw new ConflictError('The profile changed meanwhile; reload and try again.');
  } else {
    try {
      const created = new ExpertProfileModel({ _id: profileId, personId, ...fields });
      created.set('auditOutbox', [entry]);
      await created.save();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      throw new ConflictError('The profile was created meanwhile; reload and try again.');
    }
  }
  await flushAuditOutbox(ExpertProfileModel as never, profileId);
  const stored = (await ExpertProfileModel.findOne({ personId }).lean()) as ExpertProfileDoc | null;
  if (!stored) throw new Error('the expert profile was not stored');
  // A new conflict or a language dropped takes the expert out of the requests they may no longer serve.
  if (before) await releaseExcludedExpert(actor, actor.id);
  return presentExpertProfile(actor, stored);
}
