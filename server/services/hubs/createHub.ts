/**
 * Creates a hub (admin). With `openSpaces` (the API and the command line) its forum and room are
 * created with it; the demo seeding, which brings its own forums, leaves them out.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { HubCreate } from '../../../shared/schemas/hubs.js';
import { HubModel } from '../../models/Hub.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { ConflictError, isDuplicateKey } from '../../errors.js';
import { requireActivePeople } from '../people/requireActivePeople.js';
import { getHub } from './getHub.js';
import { openHubSpaces } from './openHubSpaces.js';

/** Stores the hub and returns it as the actor sees it. Conflict if the slug is taken. */
export async function createHub(
  actor: Actor,
  input: z.infer<typeof HubCreate>,
  options: { openSpaces?: boolean } = {},
) {
  await authorize(actor, 'create', 'Hub');
  await requireActivePeople(input.coordinatorIds, 'coordinatorIds');
  // The hub is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const hubId = new Types.ObjectId();
  try {
    const hub = new HubModel({
      _id: hubId,
      slug: input.slug,
      name: input.name,
      coordinatorIds: input.coordinatorIds,
    });
    hub.set('auditOutbox', [
      auditOutboxItem(
        actor,
        'hub.created',
        { type: 'Hub', id: String(hubId), label: input.slug },
        { name: input.name.en },
      ),
    ]);
    await hub.save();
    await flushAuditOutbox(HubModel as never, hubId);
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError(`A hub with the slug "${input.slug}" already exists.`);
    throw error;
  }
  if (options.openSpaces) await openHubSpaces(actor, { slug: input.slug, name: input.name.en });
  return getHub(actor, input.slug);
}
