/** Creates a space; its creator becomes its owner. */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { CITY_SPACE_KINDS, HUB_SPACE_KINDS } from '../../../shared/policy/spaces.js';
import type { SpaceCreate } from '../../../shared/schemas/spaces.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { SpaceMembershipModel } from '../../models/SpaceMembership.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, InvalidError, isDuplicateKey } from '../../errors.js';
import { cityBySlug, hubBySlug } from '../lookups.js';
import { slugify } from '../applications/slugify.js';
import { presentSpaces } from './spaceLookups.js';

/** A new space's address from its name, with a short random ending (non-Latin names become `space-…`). */
export function spaceSlugFor(name: string): string {
  const base = (slugify(name) ?? 'space').slice(0, 56).replace(/-+$/g, '');
  return `${base}-${randomBytes(4).readUInt32BE(0).toString(36).slice(0, 6)}`;
}

function invalid(path: string, message: string): InvalidError {
  return new InvalidError(message, [{ path, message }]);
}

/** Creates the space after checking its kind's requirements and the actor's right to create it. */
export async function createSpace(actor: Actor, input: z.infer<typeof SpaceCreate>) {
  const ctx = await loadSharingContext(actor);
  const needsHub = HUB_SPACE_KINDS.includes(input.kind);
  const needsCity = CITY_SPACE_KINDS.includes(input.kind);
  if (needsHub && !input.hub) throw invalid('hub', `A ${input.kind} space needs a hub.`);
  if (needsCity && !input.city) throw invalid('city', `A ${input.kind} space needs a city.`);
  if (input.city && !needsCity) throw invalid('city', `A ${input.kind} space does not belong to a city.`);
  if (input.hub && (needsCity || input.kind === 'network' || input.kind === 'committee'))
    throw invalid('hub', `A ${input.kind} space does not belong to a hub.`);
  const hub = input.hub ? await hubBySlug(input.hub) : null;
  if (input.hub && !hub) throw invalid('hub', `There is no hub "${input.hub}".`);
  const city = input.city ? await cityBySlug(input.city) : null;
  if (input.city && !city) throw invalid('city', `There is no city "${input.city}".`);

  const slug = input.slug ?? spaceSlugFor(input.name);
  const candidate = {
    slug,
    name: input.name,
    description: input.description,
    kind: input.kind,
    hubId: hub?._id ?? null,
    cityId: city?._id ?? null,
    ceiling: input.ceiling,
    defaultLabel: input.defaultLabel,
    chathamHouse: input.chathamHouse,
    leadersOnly: input.leadersOnly,
    createdBy: actor.kind === 'person' ? actor.id : actor.kind,
  };
  await authorizeSharing(ctx, 'create', 'Space', { ...candidate, _id: null });
  // The space is stored with its entry (server/audit/auditOutbox.ts), under an id chosen first.
  const spaceId = new Types.ObjectId();
  const audit = auditOutboxItem(
    actor,
    'space.created',
    { type: 'Space', id: String(spaceId), label: slug },
    {
      kind: input.kind,
      ceiling: input.ceiling,
      chathamHouse: input.chathamHouse,
    },
  );
  let created: SpaceDoc;
  try {
    const doc = new SpaceModel({ ...candidate, _id: spaceId });
    doc.set('auditOutbox', [audit]);
    await doc.save();
    created = doc.toObject() as SpaceDoc;
    delete (created as { auditOutbox?: unknown }).auditOutbox;
  } catch (error) {
    if (isDuplicateKey(error)) throw new ConflictError(`A space "${slug}" exists already.`);
    throw error;
  }
  if (actor.kind === 'person')
    await SpaceMembershipModel.create({
      spaceId: created._id,
      personId: actor.id,
      role: 'owner',
      joinedAt: new Date(),
    });
  await flushAuditOutbox(SpaceModel as never, spaceId);
  const fresh = await loadSharingContext(actor);
  const [presented] = await presentSpaces(fresh, [created]);
  if (!presented) throw new Error('presenting failed');
  return presented;
}
