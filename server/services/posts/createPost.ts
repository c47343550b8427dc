/**
 * Posts in a space, through the content kernel (services/content/createContent.ts): the label defaults
 * to the space's default; above the ceiling is refused naming the ceiling, never downgraded; RED
 * material records its audience (the space's members now). The space's members are told.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { PostCreate } from '../../../shared/schemas/posts.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { UnauthenticatedError } from '../../errors.js';
import { notify } from '../notifications/notify.js';
import { currentMemberIds } from '../../policy/spaceMembers.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { createContent } from '../content/createContent.js';
import { POST_KIND } from './postKind.js';
import { presentPost } from './presentPost.js';

/** Creates the post and notifies the space's members. */
export async function createPost(actor: Actor, slug: string, input: z.infer<typeof PostCreate>) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, slug);
  const members = await currentMemberIds(space);
  const { item } = await createContent(
    ctx,
    POST_KIND,
    { space, label: input.label ?? space.defaultLabel, members, attachments: input.attachments },
    {
      fields: { title: input.title, body: input.body },
      language: input.language,
      beforeAnnounce: async (stored) => {
        await notify(
          members.filter((id) => id !== actor.id),
          stored,
          'post.created',
        );
      },
    },
  );
  return presentPost(ctx, item);
}
