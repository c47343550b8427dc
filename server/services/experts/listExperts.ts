/**
 * GET /api/v1/experts: the experts directory for the network's members. Listed are active people
 * holding the expert role who keep a profile (the policy's listedExpertCondition, one batched `$in`:
 * FerretDB has no join), filtered by topic, language, region, format, availability and verification,
 * keyset-paged in the order profiles were created. Each profile is presented for the viewer.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { listedExpertCondition } from '../../../shared/policy/experts.js';
import type { ExpertListQuery } from '../../../shared/schemas/experts.js';
import { readPage } from '../../db/pagination.js';
import { ExpertProfileModel, type ExpertProfileDoc } from '../../models/ExpertProfile.js';
import { PersonModel } from '../../models/Person.js';
import { requireExpertRight } from './expertAccess.js';
import { presentExpertProfiles } from './presentExpertProfiles.js';

type Query = z.infer<typeof ExpertListQuery>;

/** The profile filters a query asks for. */
function profileFilters(query: Query): Record<string, unknown>[] {
  const filters: Record<string, unknown>[] = [];
  if (query.topic) filters.push({ topics: query.topic });
  if (query.language) filters.push({ 'languages.code': query.language });
  if (query.region) filters.push({ regions: query.region });
  if (query.format) filters.push({ formats: query.format });
  if (query.availability) filters.push({ availability: query.availability });
  if (query.verified !== undefined) filters.push({ verifiedAt: query.verified ? { $ne: null } : null });
  return filters;
}

/** One page of the directory. */
export async function listExperts(actor: Actor, query: Query) {
  await requireExpertRight(actor, 'browse');
  const listed = await PersonModel.find({ $and: [listedExpertCondition()] }, { _id: 1 }).lean();
  const page = await readPage<ExpertProfileDoc>(ExpertProfileModel as never, {
    filters: [{ personId: { $in: listed.map((p) => p._id) } }, ...profileFilters(query)],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: await presentExpertProfiles(actor, page.items), nextCursor: page.nextCursor };
}
