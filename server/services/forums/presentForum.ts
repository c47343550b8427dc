/**
 * The shapes of forum categories, topics and replies sent to clients. Authorship follows the post
 * presenter (Chatham House Rule included); counts and flags come from the reader's own stats.
 */
import type { z } from 'zod';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ForumCategory, ForumReply, ForumTopic } from '../../../shared/schemas/forums.js';
import { ForumCategoryModel, type ForumCategoryDoc } from '../../models/ForumCategory.js';
import type { PostDoc } from '../../models/Post.js';
import type { SpaceDoc } from '../../models/Space.js';
import { replyAbility } from '../../policy/authorizer.js';
import { renderMarkdown } from '../../text/renderMarkdown.js';
import { presentPosts } from '../posts/presentPost.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { mayModerateForum } from './forumAccess.js';
import { topicStats } from './topicStats.js';

type TopicOut = z.infer<typeof ForumTopic>;
type ReplyOut = z.infer<typeof ForumReply>;

/** Presents categories of one space. */
export function presentCategories(
  ctx: SharingContext,
  space: SpaceDoc,
  categories: ForumCategoryDoc[],
): z.infer<typeof ForumCategory>[] {
  const moderates = mayModerateForum(ctx, space);
  return categories.map((c) => ({
    id: String(c._id),
    space: { slug: space.slug, name: space.name },
    slug: c.slug,
    name: c.name,
    description: c.description ?? '',
    position: c.position,
    viewerMayModerate: moderates,
  }));
}

function htmlOf(item: PostDoc): string {
  return item.html ?? renderMarkdown(item.body);
}

/** Presents topics the actor may read (the caller filtered them by the policy). */
export async function presentTopics(ctx: SharingContext, items: PostDoc[]): Promise<TopicOut[]> {
  const [posts, stats, spaces, categories] = await Promise.all([
    presentPosts(ctx, items),
    topicStats(
      ctx,
      items.map((i) => i._id),
    ),
    spacesById(items.map((i) => i.spaceId)),
    ForumCategoryModel.find({ _id: { $in: items.map((i) => i.categoryId) } })
      .limit(items.length)
      .lean(),
  ]);
  const categoryById = new Map(categories.map((c) => [String(c._id), c]));
  return items.map((item, i) => {
    const post = posts[i];
    const stat = stats.get(String(item._id));
    if (!post || !stat) throw new Error('presenting failed');
    const space = spaces.get(String(item.spaceId));
    const category = categoryById.get(String(item.categoryId));
    return {
      id: post.id,
      space: post.space,
      category: { slug: category?.slug ?? 'unknown', name: category?.name ?? 'unknown' },
      label: post.label,
      title: post.title,
      body: post.body,
      html: htmlOf(item),
      author: post.author,
      city: post.city,
      chathamHouse: post.chathamHouse,
      state: post.state,
      pinned: item.pinned,
      locked: item.locked,
      edited: item.revisions.length > 0,
      createdAt: post.createdAt,
      updatedAt: post.updatedAt,
      lastActivityAt: (item.lastActivityAt ?? item.createdAt).toISOString(),
      replies: stat.replies,
      unread: stat.unread,
      seen: stat.seen,
      subscribed: stat.subscribed,
      viewerMayModerate: space ? mayModerateForum(ctx, space) : false,
      attachments: post.attachments,
      abilities: { ...post.abilities, reply: space ? replyAbility(ctx, space, item) : false },
    };
  });
}

/** Presents one topic. */
export async function presentTopic(ctx: SharingContext, item: PostDoc): Promise<TopicOut> {
  const [one] = await presentTopics(ctx, [item]);
  if (!one) throw new Error('presenting failed');
  return one;
}

/** Presents replies the actor may read (the caller filtered them by the policy). */
export async function presentReplies(ctx: SharingContext, items: PostDoc[]): Promise<ReplyOut[]> {
  const posts = await presentPosts(ctx, items);
  return items.map((item, i) => {
    const post = posts[i];
    if (!post) throw new Error('presenting failed');
    return {
      id: post.id,
      topic: String(item.topicId),
      label: post.label,
      body: post.body,
      html: htmlOf(item),
      author: post.author,
      city: post.city,
      chathamHouse: post.chathamHouse,
      state: post.state,
      edited: item.revisions.length > 0,
      createdAt: post.createdAt,
      updatedAt: post.updatedAt,
      attachments: post.attachments,
      abilities: post.abilities,
    };
  });
}

/** Presents one reply. */
export async function presentReply(ctx: SharingContext, item: PostDoc): Promise<ReplyOut> {
  const [one] = await presentReplies(ctx, [item]);
  if (!one) throw new Error('presenting failed');
  return one;
}
