/** Flags material for the moderators of its hub (anyone who can read it may flag; once per person). */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { FlagCreate } from '../../../shared/schemas/posts.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { FlagModel } from '../../models/Flag.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { UnauthenticatedError, isDuplicateKey } from '../../errors.js';
import { moderatorIdsFor } from '../../policy/moderatorsOf.js';
import { notify } from '../notifications/notify.js';
import { loadPostFor, subjectOf } from '../posts/loadPostFor.js';

/** Records the flag and tells the moderators. */
export async function flagPost(actor: Actor, id: string, input: z.infer<typeof FlagCreate>) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const item = await loadPostFor(ctx, id);
  await authorizeSharing(ctx, 'flag', 'Post', subjectOf(item), { hide: 'Post' });
  try {
    await FlagModel.create({
      postId: item._id,
      spaceHubId: item.spaceHubId ?? null,
      flaggedBy: actor.id,
      reason: input.reason,
      note: input.note ?? null,
      state: 'open',
      createdAt: new Date(),
    });
  } catch (error) {
    if (isDuplicateKey(error)) return { flagged: true as const };
    throw error;
  }
  await recordAudit(
    actor,
    'content.flagged',
    { type: 'Post', id, label: item.label },
    { reason: input.reason },
  );
  await notify(await moderatorIdsFor(item.spaceHubId), item, 'post.flagged', input.reason);
  return { flagged: true as const };
}
