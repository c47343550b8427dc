/**
 * Creates a hub (admin). With `openSpaces` (the API and the command line) its forum and room are
 * created with it; the demo seeding, which brings its own forums, leaves them out.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { HubCreate } from '../../../shared/schemas/hubs.js';
import { HubModel } from '../../models/Hub.js';
import { recordAudit } from '../../audit/recordAudit.js';
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
  try {
    const hub = await HubModel.create({
      slug: input.slug,
      name: input.name,
      coordinatorIds: input.coordinatorIds,
    });
    await recordAudit(
      actor,
      'hub.created',
      { type: 'Hub', id: String(hub._id), label: input.slug },
      { name: input.name.en },
    );
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError(`A hub with the slug "${input.slug}" already exists.`);
    throw error;
  }
  if (options.openSpaces) await openHubSpaces(actor, { slug: input.slug, name: input.name.en });
  return getHub(actor, input.slug);
}
