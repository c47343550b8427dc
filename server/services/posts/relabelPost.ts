/**
 * Changes a post's label (SHARING.md, "Changing a label"). Raising: the author or a moderator.
 * Lowering: the originator (author, or their city's focal point) or a moderator. Always with a written
 * justification; always audited (who, when, from, to, why). The new label must fit the space's
 * ceiling. Raising to RED takes the space's current members as the audience; leaving RED opens the
 * item to the space again. A label other than CLEAR unpublishes.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { ceilingRefusal, relabelDirection } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing, canShare } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../contentEvents.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { currentMemberIds } from '../spaces/spaceMembers.js';
import { loadPostFor, subjectOf } from './loadPostFor.js';
import { presentModerationView, presentPost } from './presentPost.js';

/** Applies a label change to a loaded item (shared with movePost); returns the stored result. */
export async function applyLabel(
  actor: Actor,
  item: PostDoc,
  to: Label,
  justification: string,
  change: { spaceId?: unknown; spaceHubId?: unknown; release?: boolean; action: string },
): Promise<PostDoc> {
  const spaceId = change.spaceId ?? item.spaceId;
  const space = (await spacesById([spaceId])).get(String(spaceId));
  if (!space) throw new NotFoundError('Space');
  const refusal = ceilingRefusal(to, space.ceiling, space.name);
  if (refusal)
    throw new InvalidError(refusal, [{ path: 'label', message: `above the ceiling ${space.ceiling}` }]);
  // Sharing at RED (a raise; a move never carries RED) takes the space's members now as the audience.
  const audience = to === 'RED' ? await currentMemberIds(space) : [];
  const by =
    actor.kind === 'person' ? { byId: actor.id, byName: actor.name } : { byId: null, byName: actor.kind };
  const set: Record<string, unknown> = {
    label: to,
    audienceIds: audience,
    published: to === 'CLEAR' ? item.published : false,
  };
  if (change.spaceId) {
    set.spaceId = change.spaceId;
    set.spaceHubId = change.spaceHubId ?? null;
  }
  if (change.release) set.state = 'visible';
  const result = await PostModel.updateOne(
    { _id: item._id, label: item.label, state: item.state, spaceId: item.spaceId },
    {
      $set: set,
      $push: {
        moderation: {
          at: new Date(),
          action: change.action,
          ...by,
          reason: justification,
          from: item.label,
          to,
        },
      },
    },
  );
  if (result.matchedCount === 0)
    throw new ConflictError('The item changed meanwhile; reload it and try again.');
  if (item.label !== to)
    await recordAudit(
      actor,
      'content.relabelled',
      { type: 'Post', id: String(item._id), label: to },
      {
        from: item.label,
        to,
        why: justification,
      },
    );
  const after = { ...item, ...set, moderation: item.moderation } as PostDoc;
  return after;
}

/** Changes the label of a post. */
export async function relabelPost(actor: Actor, id: string, to: Label, justification: string) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  const direction = relabelDirection(item.label, to);
  if (!direction) throw new ConflictError(`The item is already labelled ${to}.`);
  if (!canShare(ctx, 'relabel', 'Post', subjectOf(item), direction)) {
    await authorizeSharing(ctx, 'relabel', 'Post', subjectOf(item), { field: direction }).catch(
      () => undefined,
    );
    throw new ForbiddenError(
      direction === 'raise'
        ? 'Only the author or a moderator may raise this label.'
        : "Only the originator (the author or their city's focal point) or a moderator may lower this label.",
    );
  }
  const after = await applyLabel(actor, item, to, justification, { action: 'relabel' });
  if (actor.kind !== 'person' || actor.id !== String(item.authorId))
    await notify([String(item.authorId)], item, 'post.relabelled', `${item.label} → ${to}: ${justification}`);
  emitContentEvent({ type: 'relabelled', before: item, after });
  const fresh = await loadSharingContext(actor);
  const stored = await loadPostFor(fresh, id).catch(() => after);
  return canShare(fresh, 'read', 'Post', subjectOf(stored))
    ? presentPost(fresh, stored)
    : presentModerationView(stored);
}
