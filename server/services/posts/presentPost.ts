/** The shapes of a post sent to clients; authorship stripped under the Chatham House Rule. */
import type { z } from 'zod';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { Post, PostModerationView } from '../../../shared/schemas/posts.js';
import type { PostDoc } from '../../models/Post.js';
import type { SpaceDoc } from '../../models/Space.js';
import { showsAuthorship, type Exit } from '../../policy/contentAuthorship.js';
import { itemAbilities } from '../../policy/authorizer.js';
import { canShare } from '../../policy/sharingAccess.js';
import { attachmentsOf } from '../documents/presentAttachments.js';
import { activeNamesById, citySlugsById } from '../lookups.js';
import { spacesById } from '../spaces/spaceLookups.js';

type PostOut = z.infer<typeof Post>;

function moderationEvents(item: PostDoc): z.infer<typeof PostModerationView>['moderation'] {
  return item.moderation.map((m) => ({
    at: m.at.toISOString(),
    action: m.action,
    by: m.byName ?? null,
    reason: m.reason,
    from: m.from ?? null,
    to: m.to ?? null,
  }));
}

function placeOf(spaces: Map<string, SpaceDoc>, item: PostDoc) {
  const space = spaces.get(String(item.spaceId));
  return { space, ref: { slug: space?.slug ?? 'unknown', name: space?.name ?? 'unknown' } };
}

/** Presents posts the actor may read (the caller filtered them by the policy). */
export async function presentPosts(
  ctx: SharingContext,
  items: PostDoc[],
  exit: Exit = 'in_space',
): Promise<PostOut[]> {
  const [spaces, names, cities, files] = await Promise.all([
    spacesById(items.map((i) => i.spaceId)),
    activeNamesById(items.map((i) => i.authorId)),
    citySlugsById(
      ctx.actor,
      items.map((i) => i.authorCityId),
    ),
    attachmentsOf(ctx, items),
  ]);
  const viewer = ctx.actor.kind === 'person' ? ctx.actor.id : null;
  return items.map((item) => {
    const { space, ref } = placeOf(spaces, item);
    const chr = space?.chathamHouse ?? true;
    // Signed-out visitors never see people's names (public pages show the city at most).
    const named = space ? showsAuthorship(space, item, ctx, exit) : false;
    const namedPerson = named && ctx.actor.kind !== 'anonymous';
    const own = viewer === String(item.authorId);
    const seesModeration =
      own || canShare(ctx, 'moderate', 'Post', item as unknown as Record<string, unknown>);
    const fwd = item.forwardedFrom;
    return {
      id: String(item._id),
      space: ref,
      label: item.label,
      title: item.title,
      body: item.body,
      author: namedPerson
        ? { id: String(item.authorId), name: names.get(String(item.authorId)) ?? null }
        : null,
      city: named && item.authorCityId ? (cities.get(String(item.authorCityId)) ?? null) : null,
      chathamHouse: chr,
      published: item.published,
      state: item.state,
      forwardedFrom: fwd
        ? { id: String(fwd.postId), author: fwd.authorName ?? null, city: fwd.citySlug ?? null }
        : null,
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
      ...(seesModeration ? { moderation: moderationEvents(item) } : {}),
      attachments: files.get(String(item._id)) ?? [],
      abilities: itemAbilities(ctx, 'Post', item as unknown as Record<string, unknown>),
    };
  });
}

/** Presents one post. */
export async function presentPost(
  ctx: SharingContext,
  item: PostDoc,
  exit: Exit = 'in_space',
): Promise<PostOut> {
  const [one] = await presentPosts(ctx, [item], exit);
  if (!one) throw new Error('presenting failed');
  return one;
}

/** What the author or a moderator sees of an item they may not read now: state and history only. */
export async function presentModerationView(item: PostDoc): Promise<z.infer<typeof PostModerationView>> {
  const spaces = await spacesById([item.spaceId]);
  return {
    id: String(item._id),
    space: placeOf(spaces, item).ref,
    label: item.label,
    state: item.state,
    moderation: moderationEvents(item),
  };
}
