/**
 * Writing a library record: directly (in its own private draft space), or as a lesson drafted from a
 * closed expert request by its expert or one of its moderators (in the request's room, so only the
 * request's people and moderators see the draft). Through the kernel: the policy's create right, the
 * ceiling, the search index. A lesson from a Chatham House or above-GREEN request must be sanitised;
 * its source city's focal point approves it.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel } from '../../../shared/policy/content.js';
import { mustSanitise } from '../../../shared/policy/library.js';
import type { NewLibraryRecord } from '../../../shared/schemas/library.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { LibraryRecordDoc } from '../../models/LibraryRecord.js';
import { SpaceModel, type SpaceDoc } from '../../models/Space.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '../../errors.js';
import { createContent } from '../content/createContent.js';
import { loadRequestFor, partiesOf } from '../requests/requestAccess.js';
import { LIBRARY_KIND } from './libraryKind.js';
import { storedText } from './libraryText.js';
import { openDraftSpace } from './libraryPlaces.js';
import { removeWorkSpace } from '../spaces/openWorkSpace.js';
import { presentLibraryRecord, type PresentedLibraryRecord } from './presentLibraryRecord.js';

/** Where the draft goes and what it keeps of its source. */
async function placeOf(actor: Actor, fromRequest: string | undefined) {
  let ctx = await loadSharingContext(actor);
  if (!fromRequest) {
    const { space, members } = await openDraftSpace(ctx);
    ctx = await loadSharingContext(actor);
    return { ctx, space, members, source: { requestId: null, cityId: ctx.cityId, sanitise: false } };
  }
  const request = await loadRequestFor(ctx, fromRequest);
  const parties = partiesOf(ctx, request);
  if (!parties.includes('expert') && !parties.includes('triager'))
    throw new ForbiddenError("A lesson is drafted by the request's expert or one of its moderators.");
  if (request.status !== 'closed')
    throw new ConflictError('A lesson is drafted once its request is closed.', {
      reason: 'request_not_closed',
      params: { state: request.status },
    });
  const space = (await SpaceModel.findById(request.spaceId).lean()) as SpaceDoc | null;
  if (!space) throw new ConflictError('The request has no room any more.');
  return {
    ctx,
    space,
    members: undefined,
    source: {
      requestId: request._id,
      cityId: request.authorCityId,
      sanitise: mustSanitise({ label: asLabel(request.label), chathamHouse: space.chathamHouse }),
    },
  };
}

/** Writes the draft; its writer is the actor. */
export async function createLibraryRecord(
  actor: Actor,
  input: z.infer<typeof NewLibraryRecord>,
): Promise<PresentedLibraryRecord> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const { ctx, space, members, source } = await placeOf(actor, input.fromRequest);
  const { item } = await createContent(
    ctx,
    LIBRARY_KIND,
    { space, label: input.label, ...(members ? { members } : {}) },
    {
      fields: {
        ...storedText(input),
        body: input.summary ?? '',
        themes: input.themes,
        regions: [...new Set(input.regions)],
        stage: 'draft',
        status: 'shared',
        source,
        approvals: [],
      },
      language: contentLanguageOf(input.language) ?? null,
    },
  ).catch(async (error: unknown) => {
    // Nothing half made: a draft space of its own goes when its record could not be stored.
    if (!input.fromRequest) await removeWorkSpace(space._id);
    throw error;
  });
  const record = item as LibraryRecordDoc;
  // The language the writer named is kept even where the index does not stem it.
  if (record.language !== input.language) record.language = input.language;
  // The write that completes the draft carries its entry (server/audit/auditOutbox.ts).
  await LIBRARY_KIND.model.updateOne(
    { _id: record._id } as never,
    {
      $set: { language: input.language },
      ...auditOutboxPush(
        auditOutboxItem(
          actor,
          'library.drafted',
          { type: 'LibraryRecord', id: String(record._id), label: record.label },
          {
            fromRequest: Boolean(source.requestId),
          },
        ),
      ),
    } as never,
  );
  await flushAuditOutbox(LIBRARY_KIND.model as never, record._id);
  return presentLibraryRecord(ctx, record);
}
