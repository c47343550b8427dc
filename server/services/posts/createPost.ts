/**
 * Posts in a space. The label defaults to the space's default; above the ceiling is refused with an
 * error naming the ceiling, never downgraded. RED material records its audience: the space's members
 * at this moment.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { ceilingRefusal } from '../../../shared/policy/content.js';
import type { PostCreate } from '../../../shared/schemas/posts.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { PostModel, type PostDoc } from '../../models/Post.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { emitContentEvent } from '../../events/contentEvents.js';
import { InvalidError, UnauthenticatedError } from '../../errors.js';
import { notify } from '../notifications/notify.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { presentPost } from './presentPost.js';

/** Creates the post and notifies the space's members. */
export async function createPost(actor: Actor, slug: string, input: z.infer<typeof PostCreate>) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const label = input.label ?? space.defaultLabel;
  await authorizeSharing(ctx, 'create', 'Post', { _id: null, spaceId: space._id, label, authorId: actor.id });
  const refusal = ceilingRefusal(label, space.ceiling, space.name);
  if (refusal)
    throw new InvalidError(refusal, [{ path: 'label', message: `above the ceiling ${space.ceiling}` }]);
  const members = await currentMemberIds(space);
  const index = indexTokens([input.title, input.body], input.language);
  const created = await PostModel.create({
    spaceId: space._id,
    spaceHubId: space.hubId ?? null,
    label,
    audienceIds: label === 'RED' ? members : [],
    authorId: actor.id,
    authorCityId: actor.cityId,
    state: 'visible',
    published: false,
    title: input.title,
    body: input.body,
    language: index.language,
    tokens: index.tokens,
  });
  const item = created.toObject() as unknown as PostDoc;
  await notify(
    members.filter((id) => id !== actor.id),
    item,
    'post.created',
  );
  emitContentEvent({ type: 'created', before: null, after: item });
  return presentPost(ctx, item);
}
