/**
 * The forum API as the client calls it (routes in server/http/routes/forums.ts): the shapes come from
 * the server's zod schemas through type-only imports, so the bundle carries no zod.
 */
import type { z } from 'zod';
import type {
  ForumCategory,
  ForumReadState,
  ForumReply,
  ForumRevision,
  ForumSubscriptionState,
  ForumTopic,
  ForumTopicFlags,
  ForumTopicMoved,
} from '../../../../shared/schemas/forums.js';
import type { ItemAbilities } from '../../../../shared/schemas/posts.js';
import type { Space } from '../../../../shared/schemas/spaces.js';
import type { Label } from '../../../../shared/policy/labels.js';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import type { Page } from '../../types.js';

/** A space (hub, network) as the API returns it, with its ceiling and default label. */
export type SpaceView = z.infer<typeof Space>;
/** A forum category. */
export type CategoryView = z.infer<typeof ForumCategory>;
/** A topic, with the viewer's counts, subscription and moderation right. */
export type TopicView = z.infer<typeof ForumTopic>;
/** A reply. */
export type ReplyView = z.infer<typeof ForumReply>;
/**
 * What the viewer may do with one topic or reply, as the server's policy answered: the page shows or
 * hides each per-item control from this alone.
 */
export type ItemAbilitiesView = z.infer<typeof ItemAbilities>;
/** An earlier version of a topic or reply. */
export type RevisionView = z.infer<typeof ForumRevision>;

const PAGE = 25;
const enc = encodeURIComponent;

/** The spaces the signed-in person belongs to (first page of 100). */
export function listMySpaces(signal?: AbortSignal): Promise<Page<SpaceView>> {
  return apiGet(`/spaces${queryString({ limit: 100 })}`, signal);
}

/** One space. */
export function getSpace(space: string, signal?: AbortSignal): Promise<SpaceView> {
  return apiGet(`/spaces/${enc(space)}`, signal);
}

/** A space's forum categories (first page of 100). */
export function listCategories(space: string, signal?: AbortSignal): Promise<Page<CategoryView>> {
  return apiGet(`/spaces/${enc(space)}/forum/categories${queryString({ limit: 100 })}`, signal);
}

/** A category's topics, pinned first, then by latest activity. */
export function listTopics(
  space: string,
  category: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<TopicView>> {
  return apiGet(
    `/spaces/${enc(space)}/forum/categories/${enc(category)}/topics${queryString({ limit: PAGE, cursor })}`,
    signal,
  );
}

/** Starts a topic; the label defaults to the space's default. */
export function createTopic(
  space: string,
  category: string,
  input: { title: string; body: string; label: Label; attachments?: string[] },
): Promise<TopicView> {
  return postWithCsrf(`/spaces/${enc(space)}/forum/categories/${enc(category)}/topics`, input);
}

/** One topic. */
export function getTopic(topic: string, signal?: AbortSignal): Promise<TopicView> {
  return apiGet(`/forum/topics/${enc(topic)}`, signal);
}

/** A topic's replies, oldest first. */
export function listReplies(
  topic: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<ReplyView>> {
  return apiGet(`/forum/topics/${enc(topic)}/replies${queryString({ limit: 50, cursor })}`, signal);
}

/** Answers a topic. */
export function createReply(
  topic: string,
  input: { body: string; label: Label; attachments?: string[] },
): Promise<ReplyView> {
  return postWithCsrf(`/forum/topics/${enc(topic)}/replies`, input);
}

/** Edits one's own topic. */
export function editTopic(topic: string, input: { title?: string; body?: string }): Promise<TopicView> {
  return sendWithCsrf('PATCH', `/forum/topics/${enc(topic)}`, input);
}

/** Edits one's own reply. */
export function editReply(reply: string, body: string): Promise<ReplyView> {
  return sendWithCsrf('PATCH', `/forum/replies/${enc(reply)}`, { body });
}

/** Earlier versions of a topic or a reply (author and moderators), newest first. */
export function listRevisions(kind: 'topic' | 'reply', id: string): Promise<Page<RevisionView>> {
  const base = kind === 'topic' ? '/forum/topics/' : '/forum/replies/';
  return apiGet(`${base}${enc(id)}/revisions${queryString({ limit: 50 })}`);
}

/** Pins or unpins, locks or unlocks a topic (moderators). */
export function setTopicFlag(
  topic: string,
  flag: 'pin' | 'lock',
  on: boolean,
): Promise<z.infer<typeof ForumTopicFlags>> {
  return sendWithCsrf(on ? 'PUT' : 'DELETE', `/forum/topics/${enc(topic)}/${flag}`);
}

/** Moves a topic with its replies (moderators); the server refuses what onward sharing forbids. */
export function moveTopic(
  topic: string,
  input: { category: string; space?: string; justification: string },
): Promise<z.infer<typeof ForumTopicMoved>> {
  return postWithCsrf(`/forum/topics/${enc(topic)}/move`, input);
}

/** Subscribes to or unsubscribes from a topic. */
export function setSubscription(
  topic: string,
  subscribed: boolean,
): Promise<z.infer<typeof ForumSubscriptionState>> {
  return sendWithCsrf(subscribed ? 'PUT' : 'DELETE', `/forum/topics/${enc(topic)}/subscription`);
}

/** Marks a topic read up to its newest reply the reader may read. */
export function markRead(topic: string): Promise<z.infer<typeof ForumReadState>> {
  return postWithCsrf(`/forum/topics/${enc(topic)}/read`, {});
}

/** The reasons a post may be flagged for (shared/schemas/posts.ts FLAG_REASONS). */
export const FLAG_REASONS = [
  'wrong_space_or_sensitive',
  'personal_data',
  'hate_or_discrimination',
  'targeting_a_group',
  'spam',
  'other',
] as const;

/** Flags a topic or reply (both are posts) for the moderators' review queue. */
export function flagPost(
  post: string,
  input: { reason: (typeof FLAG_REASONS)[number]; note?: string },
): Promise<unknown> {
  return postWithCsrf(`/posts/${enc(post)}/flags`, input);
}

/**
 * Deletes a topic (with its replies) or a reply: its author, or a moderator, who must give a reason
 * for someone else's material (the reason is kept in its moderation history).
 */
export function deleteForumPost(post: string, reason?: string): Promise<{ deleted: true }> {
  return sendWithCsrf('DELETE', `/posts/${enc(post)}`, reason ? { reason } : {});
}

/** Quarantines a topic or reply (moderators): hidden everywhere until a moderator restores it. */
export function quarantineForumPost(post: string, reason: string): Promise<unknown> {
  return postWithCsrf(`/posts/${enc(post)}/quarantine`, { reason });
}

/** Raises or lowers the label of a topic or reply, with a justification; the server decides. */
export function relabelForumPost(
  post: string,
  input: { label: Label; justification: string },
): Promise<unknown> {
  return postWithCsrf(`/posts/${enc(post)}/relabel`, input);
}

/** Forum paths inside the app. */
export const forumPaths = {
  home: '/forums',
  space: (space: string) => `/forums/${enc(space)}`,
  category: (space: string, category: string) => `/forums/${enc(space)}/${enc(category)}`,
  newTopic: (space: string, category: string) => `/forums/${enc(space)}/${enc(category)}/new`,
  topic: (topic: string) => `/forums/topics/${enc(topic)}`,
};
