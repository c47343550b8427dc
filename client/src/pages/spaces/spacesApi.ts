/**
 * The spaces area's reads and writes (/api/v1): my spaces, what I may create, a space with its
 * members and pending invitations, my invitations and their answers, group conversations, and a
 * hub forum's categories. Writes carry the CSRF token; every failure is an ApiError.
 */
import type { z } from 'zod';
import { apiGet, queryString } from '../../api.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import type { ForumCategory } from '../../../../shared/schemas/forums.js';
import type { SpaceInvitation } from '../../../../shared/schemas/invitations.js';
import type {
  Space,
  SpaceCreate,
  SpaceCreationOption,
  SpaceMember,
} from '../../../../shared/schemas/spaces.js';
import type { Page } from '../../types.js';

/** A space as the API returns it, with the viewer's abilities. */
export type SpaceView = z.infer<typeof Space>;
/** One kind of space the viewer may create, and where. */
export type CreationOption = z.infer<typeof SpaceCreationOption>;
/** An explicit member. */
export type MemberView = z.infer<typeof SpaceMember>;
/** An invitation, with what the viewer may do with it. */
export type InvitationView = z.infer<typeof SpaceInvitation>;
/** A forum category. */
export type CategoryView = z.infer<typeof ForumCategory>;
/** The input of a new space. */
export type NewSpace = z.input<typeof SpaceCreate>;

/** A person who can be picked (invitations, group conversations). */
export interface PersonChoice {
  id: string;
  name: string;
  city: string | null;
}

const enc = encodeURIComponent;

/** The spaces I take part in (first 100, by name). */
export const fetchMySpaces = (signal: AbortSignal) =>
  apiGet<Page<SpaceView>>(`/spaces${queryString({ limit: 100 })}`, signal);

/** What I may create. */
export const fetchCreationOptions = (signal: AbortSignal) =>
  apiGet<{ options: CreationOption[] }>('/space-creation-options', signal).then((r) => r.options);

/** Creates a space. */
export const createSpace = (input: NewSpace) => postWithCsrf<SpaceView>('/spaces', input);

/** One space. */
export const fetchSpace = (slug: string, signal: AbortSignal) =>
  apiGet<SpaceView>(`/spaces/${enc(slug)}`, signal);

/** A space's explicit members (first 100). */
export const fetchMembers = (slug: string, signal: AbortSignal) =>
  apiGet<Page<MemberView>>(`/spaces/${enc(slug)}/members${queryString({ limit: 100 })}`, signal);

/** A space's pending invitations (first 100). */
export const fetchSpaceInvitations = (slug: string, signal: AbortSignal) =>
  apiGet<Page<InvitationView>>(`/spaces/${enc(slug)}/invitations${queryString({ limit: 100 })}`, signal);

/** Invites a person. */
export const invite = (slug: string, person: string, role: 'member' | 'moderator') =>
  postWithCsrf<InvitationView>(`/spaces/${enc(slug)}/invitations`, { person, role });

/** Withdraws a pending invitation. */
export const revokeInvitation = (slug: string, id: string) =>
  sendWithCsrf<InvitationView>('DELETE', `/spaces/${enc(slug)}/invitations/${enc(id)}`);

/** Removes a member. */
export const removeMember = (slug: string, person: string) =>
  sendWithCsrf<{ removed: boolean }>('DELETE', `/spaces/${enc(slug)}/members/${enc(person)}`);

/** Makes a member a room moderator, or a plain member again. */
export const setMemberRole = (slug: string, person: string, role: 'member' | 'moderator') =>
  sendWithCsrf<Page<MemberView>>('PATCH', `/spaces/${enc(slug)}/members/${enc(person)}`, { role });

/** Leaves a space. */
export const leaveSpace = (slug: string) => postWithCsrf<{ left: boolean }>(`/spaces/${enc(slug)}/leave`);

/** My pending invitations (first 100). */
export const fetchMyInvitations = (signal: AbortSignal) =>
  apiGet<Page<InvitationView>>(`/invitations${queryString({ limit: 100 })}`, signal);

/** Accepts or declines one of my invitations. */
export const answerInvitation = (id: string, answer: 'accept' | 'decline') =>
  postWithCsrf<InvitationView>(`/invitations/${enc(id)}/${answer}`);

/** Starts a group conversation; resolves with its room id. */
export const startGroupConversation = (people: string[], name: string | undefined) =>
  postWithCsrf<{ id: string }>('/rooms/group', name ? { people, name } : { people }).then((room) => room.id);

/** A hub forum's categories (first 100, in order). */
export const fetchCategories = (slug: string, signal: AbortSignal) =>
  apiGet<Page<CategoryView>>(`/spaces/${enc(slug)}/forum/categories${queryString({ limit: 100 })}`, signal);

/** Adds a category at the end. */
export const addCategory = (slug: string, input: { slug: string; name: string; position: number }) =>
  postWithCsrf<CategoryView>(`/spaces/${enc(slug)}/forum/categories`, input);

/** Renames a category. */
export const renameCategory = (slug: string, category: string, name: string) =>
  sendWithCsrf<CategoryView>('PATCH', `/spaces/${enc(slug)}/forum/categories/${enc(category)}`, { name });

/** Puts the categories in a new order. */
export const reorderCategories = (slug: string, categories: string[]) =>
  sendWithCsrf<Page<CategoryView>>('PUT', `/spaces/${enc(slug)}/forum/category-order`, { categories });

/** Active people I may see, by name, for pickers (up to 1000: ten pages of the directory). */
export async function fetchPeople(signal: AbortSignal): Promise<PersonChoice[]> {
  const people: PersonChoice[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10; pages++) {
    const page: Page<PersonChoice & { status: string }> = await apiGet(
      `/people${queryString({ limit: 100, cursor })}`,
      signal,
    );
    for (const p of page.items)
      if (p.status === 'active') people.push({ id: p.id, name: p.name, city: p.city });
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

/** The cache keys of this area. */
export const spaceKeys = {
  mine: () => ['spaces', 'mine'] as const,
  options: () => ['spaces', 'options'] as const,
  space: (slug: string) => ['spaces', 'space', slug] as const,
  members: (slug: string) => ['spaces', 'space', slug, 'members'] as const,
  invitations: (slug: string) => ['spaces', 'space', slug, 'invitations'] as const,
  categories: (slug: string) => ['spaces', 'space', slug, 'categories'] as const,
  myInvitations: () => ['spaces', 'invitations', 'mine'] as const,
  people: () => ['spaces', 'people'] as const,
};
