/** Lists membership applications, oldest first (admin). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ApplicationListQuery } from '../../../shared/schemas/applications.js';
import { ApplicationModel, type ApplicationDoc } from '../../models/Application.js';
import { accessFilter, authorize } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { readPage } from '../../db/pagination.js';
import { presentApplication } from '../presenters.js';

/** One page of applications. */
export async function listApplications(actor: Actor, query: z.infer<typeof ApplicationListQuery>) {
  await authorize(actor, 'read', 'Application');
  const stored = await readPage<ApplicationDoc>(ApplicationModel as never, {
    filters: [accessFilter(actor, 'read', 'Application'), query.status ? { status: query.status } : {}],
    sortField: '_id',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: stored.items.map((a) => presentApplication(a, actor)), nextCursor: stored.nextCursor };
}

/** One application. */
export async function getApplication(actor: Actor, id: string) {
  await authorize(actor, 'read', 'Application');
  const application = await ApplicationModel.findById(id).lean();
  if (!application) throw new NotFoundError('Application');
  return presentApplication(application, actor);
}
