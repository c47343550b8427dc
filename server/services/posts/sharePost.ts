/**
 * Shares a post onward into another space as a copy that points back to it (SHARING.md, "Onward
 * sharing"): CLEAR and GREEN to any space; AMBER to the sharer's own city space or that city's space
 * with its local partners; AMBER+STRICT to the sharer's own city internal space; RED nowhere. The
 * copy keeps its label (sharing never lowers one), respects the destination's ceiling, and carries no
 * name or city under the Chatham House Rule.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { Types } from 'mongoose';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { UnauthenticatedError } from '../../errors.js';
import { requireOnwardShare } from '../content/onwardShare.js';
import { activeNamesById, citySlugsById } from '../lookups.js';
import { notify } from '../notifications/notify.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { loadPostFor } from './loadPostFor.js';
import { presentPost } from './presentPost.js';

/** Creates the onward copy in the destination space. */
export async function sharePost(actor: Actor, id: string, to: string) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  const destination = await requireOnwardShare(ctx, 'Post', item, to);

  const source = (await spacesById([item.spaceId])).get(String(item.spaceId));
  const chr = source?.chathamHouse ?? true;
  const [names, cities] = await Promise.all([
    activeNamesById([item.authorId]),
    citySlugsById(actor, [item.authorCityId]),
  ]);
  // The copy is stored with the entry (server/audit/auditOutbox.ts), under an id chosen first.
  const copyId = new Types.ObjectId();
  const created = new PostModel({
    _id: copyId,
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
  created.set('auditOutbox', [
    auditOutboxItem(
      actor,
      'content.shared',
      { type: 'Post', id, label: item.label },
      {
        to: destination.slug,
        copy: String(copyId),
      },
    ),
  ]);
  await created.save();
  await flushAuditOutbox(PostModel as never, copyId);
  const copy = created.toObject() as unknown as PostDoc;
  delete (copy as { auditOutbox?: unknown }).auditOutbox;
  const members = await currentMemberIds(destination);
  await notify(
    members.filter((m) => m !== actor.id),
    copy,
    'post.created',
  );
  emitContentEvent({ type: 'created', before: null, after: copy });
  return presentPost(await loadSharingContext(actor), copy);
}
