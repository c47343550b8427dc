/** Changes a hub's names or coordinators (admin). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { HubUpdate } from '../../../shared/schemas/hubs.js';
import { HubModel } from '../../models/Hub.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { authorize } from '../../policy/authorize.js';
import { NotFoundError } from '../../errors.js';
import { hubBySlug } from '../lookups.js';
import { requireActivePeople } from '../people/requireActivePeople.js';
import { emitAccessEvent } from '../../events/contentEvents.js';
import { getHub } from './getHub.js';

/** Applies the change and returns the hub. */
export async function updateHub(actor: Actor, slug: string, input: z.infer<typeof HubUpdate>) {
  const hub = await hubBySlug(slug);
  if (!hub) throw new NotFoundError(`Hub "${slug}"`);
  await authorize(actor, 'update', 'Hub', hub);
  if (input.coordinatorIds) await requireActivePeople(input.coordinatorIds, 'coordinatorIds');
  // Stored with the change (server/audit/auditOutbox.ts).
  await HubModel.updateOne(
    { _id: hub._id },
    {
      $set: input,
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'hub.updated',
          { type: 'Hub', id: String(hub._id), label: slug },
          { changed: Object.keys(input) },
        ),
      ),
    },
  );
  await flushAuditOutbox(HubModel as never, hub._id);
  // Coordinators take part in their hub's rooms: those added or removed re-check their open sockets.
  if (input.coordinatorIds) {
    const before = hub.coordinatorIds.map(String);
    const changed = [...before, ...input.coordinatorIds].filter(
      (id) => before.includes(id) !== input.coordinatorIds?.includes(id),
    );
    for (const personId of new Set(changed)) emitAccessEvent({ personId });
  }
  return getHub(actor, slug);
}
