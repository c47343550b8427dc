/**
 * Moves an item to another space (moderators), optionally with a new label, and releases it from
 * quarantine. The move follows the onward-sharing table with the originator's city as "own city"
 * (AMBER to the author's city spaces, AMBER+STRICT to its internal space, RED nowhere) and the
 * destination's ceiling; every move is audited with its justification.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { onwardAllowed, onwardRefusal, relabelDirection } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { auditOutboxItem } from '../../audit/auditOutbox.js';
import type { PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { notify } from '../notifications/notify.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadPostFor, subjectOf } from '../posts/loadPostFor.js';
import { presentModerationView } from '../posts/presentPost.js';
import { applyLabel } from './relabelContent.js';
import { spaceBySlug } from '../spaces/spaceLookups.js';

/** Moves (and maybe relabels) the item. */
export async function movePost(
  actor: Actor,
  id: string,
  input: { to: string; label?: Label; justification: string },
) {
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  await authorizeSharing(ctx, 'moderate', 'Post', subjectOf(item));
  // A forum topic moves with its replies into a category; a reply never leaves its topic alone.
  if (item.categoryId || item.topicId)
    throw new ConflictError(
      item.topicId
        ? 'A forum reply moves with its topic: move the topic (POST /forum/topics/{topic}/move).'
        : 'Move a forum topic with POST /forum/topics/{topic}/move, which takes its replies and a category.',
    );
  const destination = await spaceBySlug(input.to);
  if (!destination) throw new NotFoundError(`Space "${input.to}"`);
  const label = input.label ?? item.label;
  const direction = relabelDirection(item.label, label);
  if (direction) await authorizeSharing(ctx, 'relabel', 'Post', subjectOf(item), { field: direction });
  const originatorCity = item.authorCityId ? String(item.authorCityId) : null;
  const destinationFacts = {
    kind: destination.kind,
    cityId: destination.cityId ? String(destination.cityId) : null,
  };
  if (!onwardAllowed(label, destinationFacts, originatorCity)) {
    await recordAudit(actor, 'authz.refused', { type: 'Post', id }, { action: 'move', to: input.to, label });
    throw new ForbiddenError(onwardRefusal(label));
  }
  const after: PostDoc = await applyLabel(actor, item, label, input.justification, {
    spaceId: destination._id,
    spaceHubId: destination.hubId ?? null,
    release: true,
    action: 'move',
    // Stored with the move itself (server/audit/auditOutbox.ts).
    audit: [
      auditOutboxItem(
        actor,
        'content.moved',
        { type: 'Post', id, label },
        {
          from: String(item.spaceId),
          to: input.to,
          why: input.justification,
        },
      ),
    ],
  });
  await notify(
    [String(item.authorId)],
    { _id: item._id, spaceId: destination._id },
    'post.moved',
    input.justification,
  );
  emitContentEvent({ type: 'moved', before: item, after });
  // The mover may have no right to the item where it now lives: show the stored state, no content.
  const stored = await loadContent(id);
  return presentModerationView(stored ?? after);
}
