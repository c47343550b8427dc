/**
 * The reader's standing on one request: loaded through the kernel ("not found" unless readable,
 * moderated or one's own), and the workflow parties they are (shared/policy/requests.ts), the
 * triager's part being the policy's `moderate` right on the item.
 */
import type { RequestParty } from '../../../shared/policy/requestWorkflow.js';
import { requestParties } from '../../../shared/policy/requests.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ExpertRequestDoc } from '../../models/ExpertRequest.js';
import { allows } from '../../policy/authorizer.js';
import { NotFoundError } from '../../errors.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';

/** The parties `ctx`'s actor is for `request`. */
export function partiesOf(ctx: SharingContext, request: ExpertRequestDoc): RequestParty[] {
  return requestParties(
    ctx,
    { authorId: request.authorId, authorCityId: request.authorCityId, expertIds: [...request.expertIds] },
    allows(ctx, 'moderate', 'ExpertRequest', contentSubject(request)),
  );
}

/** The request with `id` when the actor may know it exists (a tombstone is "not found" here too). */
export async function loadRequestFor(ctx: SharingContext, id: string): Promise<ExpertRequestDoc> {
  const request = await loadContentFor(ctx, 'ExpertRequest', id);
  if (request.state === 'deleted') throw new NotFoundError('ExpertRequest');
  return request;
}
