/**
 * Shares a post onward into another space as a copy that points back to it (SHARING.md, "Onward
 * sharing"): CLEAR and GREEN to any space; AMBER to the sharer's own city space or that city's space
 * with its local partners; AMBER+STRICT to the sharer's own city internal space; RED nowhere. The
 * copy keeps its label (sharing never lowers one), respects the destination's ceiling, and carries no
 * name or city under the Chatham House Rule.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { ONWARD_SHARING } from '../../../shared/policy/labels.js';
import { asLabel, onwardAllowed } from '../../../shared/policy/content.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ForbiddenError, UnauthenticatedError } from '../../errors.js';
import { requireWithinCeiling } from '../content/ceiling.js';
import { activeNamesById, citySlugsById } from '../lookups.js';
import { notify } from '../notifications/notify.js';
import { spacesById, visibleSpace } from '../spaces/spaceLookups.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentPost } from './presentPost.js';

const WHY: Record<string, string> = {
  own_city_or_partners:
    "AMBER material may go only to your own city's space or your city's space with its local partners.",
  own_city_internal: "AMBER+STRICT material may go only to your own city's internal space.",
  nowhere: 'RED material may not be shared onward.',
};

/** Creates the onward copy in the destination space. */
export async function sharePost(actor: Actor, id: string, to: string) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  await authorizeSharing(ctx, 'read', 'Post', subjectOf(item), { hide: 'Post' });
  const rule = ONWARD_SHARING[item.label];
  if (!canShare(ctx, 'share', 'Post', subjectOf(item))) {
    await authorizeSharing(ctx, 'share', 'Post', subjectOf(item)).catch(() => undefined);
    throw new ForbiddenError(WHY[rule] ?? 'You may not share this material onward.');
  }
  const destination = await visibleSpace(ctx, to);
  await authorizeSharing(ctx, 'create', 'Post', { _id: null, spaceId: destination._id, label: item.label });
  if (
    !onwardAllowed(
      item.label,
      { kind: destination.kind, cityId: destination.cityId ? String(destination.cityId) : null },
      ctx.cityId,
    )
  ) {
    await recordAudit(actor, 'authz.refused', { type: 'Post', id }, { action: 'share', to });
    throw new ForbiddenError(WHY[rule] ?? 'The sharing rules do not allow this destination.');
  }
  requireWithinCeiling(asLabel(item.label), destination, 'to');

  const source = (await spacesById([item.spaceId])).get(String(item.spaceId));
  const chr = source?.chathamHouse ?? true;
  const [names, cities] = await Promise.all([
    activeNamesById([item.authorId]),
    citySlugsById(actor, [item.authorCityId]),
  ]);
  const created = await PostModel.create({
    spaceId: destination._id,
    spaceHubId: destination.hubId ?? null,
    label: item.label,
    audienceIds: [],
    authorId: actor.id,
    authorCityId: actor.cityId,
    state: 'visible',
    published: false,
    title: item.title,
    body: item.body,
    language: item.language ?? null,
    tokens: item.tokens,
    forwardedFrom: {
      postId: item._id,
      authorName: chr ? null : (names.get(String(item.authorId)) ?? null),
      citySlug: chr ? null : (cities.get(String(item.authorCityId)) ?? null),
      chathamHouse: chr || (item.forwardedFrom?.chathamHouse ?? false),
    },
  });
  const copy = created.toObject() as unknown as PostDoc;
  await recordAudit(
    actor,
    'content.shared',
    { type: 'Post', id, label: item.label },
    {
      to: destination.slug,
      copy: String(copy._id),
    },
  );
  const members = await currentMemberIds(destination);
  await notify(
    members.filter((m) => m !== actor.id),
    copy,
    'post.created',
  );
  emitContentEvent({ type: 'created', before: null, after: copy });
  return presentPost(await loadSharingContext(actor), copy);
}
