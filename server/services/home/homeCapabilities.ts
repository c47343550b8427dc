/**
 * Which areas of the workspace a person may open, asked of the authorizer (never by comparing roles
 * here): the moderators' console for those who may read a review queue (global moderators, hub
 * coordinators), the admins' console for those who may change a city (admins, and a city's focal
 * points for their own city), and space creation for those the sharing policy lets create a space.
 * The client shows the links from these flags alone; each area still decides on every request.
 */
import type { z } from 'zod';
import type { HomeCapabilities } from '../../../shared/schemas/home.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { mayBrowseExperts, mayKeepExpertProfile } from '../../../shared/policy/experts.js';
import { isLibraryEditor } from '../../../shared/policy/library.js';
import { requestCreationForms } from '../../../shared/policy/requests.js';
import { isGlobalModerator } from '../../../shared/policy/sharingContext.js';
import { can } from '../../policy/authorize.js';
import { allows } from '../../policy/authorizer.js';

/** The capability flags of the context's actor. */
export function homeCapabilities(ctx: SharingContext): z.infer<typeof HomeCapabilities> {
  return {
    moderate: allows(ctx, 'read', 'Flag'),
    administer: can(ctx.actor, 'update', 'City'),
    createSpace: allows(ctx, 'create', 'Space'),
    expertProfile: mayKeepExpertProfile(ctx.actor),
    experts: mayBrowseExperts(ctx.actor),
    askExperts: requestCreationForms(ctx).length > 0,
    triageRequests: allows(ctx, 'read', 'Flag'),
    overdueRequests: isGlobalModerator(ctx),
    offers: mayKeepExpertProfile(ctx.actor),
    library: ctx.actor.kind === 'person',
    editLibrary: isLibraryEditor(ctx),
  };
}
