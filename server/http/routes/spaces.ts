/**
 * /api/v1/spaces: spaces, what one may create, their members and invitations, their posts, the order
 * of their forum categories; and group conversations (rooms that are spaces of their own people).
 */
import { z } from 'zod';
import {
  PageQuery,
  Post,
  PostCreate,
  Space,
  SpaceCreate,
  SpaceListQuery,
  SpaceMember,
  SpaceMemberAdd,
  SpaceMemberParams,
  SpaceParams,
  SpacePostsQuery,
  pageOf,
} from '../../../shared/schemas/index.js';
import {
  ForumCategory,
  ForumCategoryOrder,
  GroupConversationCreate,
  Room,
  SpaceCreationOptions,
  SpaceMemberRoleChange,
} from '../../../shared/schemas/index.js';
import {
  InvitationListQuery,
  SpaceInvitation,
  SpaceInvitationCreate,
  SpaceInvitationParams,
} from '../../../shared/schemas/invitations.js';
import { reorderCategories } from '../../services/forums/reorderCategories.js';
import { inviteToSpace } from '../../services/invitations/inviteToSpace.js';
import { listSpaceInvitations } from '../../services/invitations/listInvitations.js';
import { revokeInvitation } from '../../services/invitations/revokeInvitation.js';
import { createGroupConversation } from '../../services/rooms/createGroupConversation.js';
import { listCreationOptions } from '../../services/spaces/listCreationOptions.js';
import { setSpaceMemberRole } from '../../services/spaces/setSpaceMemberRole.js';
import { addSpaceMember } from '../../services/spaces/addSpaceMember.js';
import { createSpace } from '../../services/spaces/createSpace.js';
import { getSpace } from '../../services/spaces/getSpace.js';
import { leaveSpace } from '../../services/spaces/leaveSpace.js';
import { listMySpaces } from '../../services/spaces/listMySpaces.js';
import { listSpaceMembers } from '../../services/spaces/listSpaceMembers.js';
import { removeSpaceMember } from '../../services/spaces/removeSpaceMember.js';
import { createPost } from '../../services/posts/createPost.js';
import { listSpacePosts } from '../../services/posts/listSpacePosts.js';
import { defineRoute } from '../defineRoute.js';

/** The space routes. */
export const spaceRoutes = [
  defineRoute({
    method: 'post',
    path: '/spaces',
    tag: 'Spaces',
    access: 'members',
    summary:
      'Create a space (admins, moderators, hub coordinators for their hub, focal points for their city)',
    status: 201,
    body: SpaceCreate,
    response: Space,
    handler: ({ actor, body }) => createSpace(actor, body as z.infer<typeof SpaceCreate>),
  }),
  defineRoute({
    method: 'get',
    path: '/space-creation-options',
    tag: 'Spaces',
    access: 'members',
    summary: 'The kinds of space I may create, and where (the policy answers; the form offers these)',
    response: SpaceCreationOptions,
    handler: ({ actor }) => listCreationOptions(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/rooms/group',
    tag: 'Rooms',
    access: 'members',
    summary: 'Start a group conversation of 3 to 20 people, me included',
    status: 201,
    body: GroupConversationCreate,
    response: Room,
    handler: ({ actor, body }) =>
      createGroupConversation(actor, body as z.infer<typeof GroupConversationCreate>),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces',
    tag: 'Spaces',
    access: 'members',
    summary: 'List the spaces I take part in',
    query: SpaceListQuery,
    response: pageOf(Space),
    handler: ({ actor, query }) => listMySpaces(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces/:space',
    tag: 'Spaces',
    access: 'members',
    summary: 'Read a space',
    params: SpaceParams,
    response: Space,
    handler: ({ actor, params }) => getSpace(actor, params.space),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces/:space/members',
    tag: 'Spaces',
    access: 'members',
    summary: "List a space's explicit members",
    params: SpaceParams,
    query: PageQuery.strict(),
    response: pageOf(SpaceMember),
    handler: ({ actor, params, query }) => listSpaceMembers(actor, params.space, query),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/members',
    tag: 'Spaces',
    access: 'members',
    summary: 'Add a member (space owners and moderators, admins, moderators)',
    params: SpaceParams,
    body: SpaceMemberAdd,
    response: pageOf(SpaceMember),
    handler: ({ actor, params, body }) =>
      addSpaceMember(actor, params.space, body as z.infer<typeof SpaceMemberAdd>),
  }),
  defineRoute({
    method: 'delete',
    path: '/spaces/:space/members/:person',
    tag: 'Spaces',
    access: 'members',
    summary: 'Remove a member',
    params: SpaceMemberParams,
    response: z.object({ removed: z.boolean() }),
    handler: ({ actor, params }) => removeSpaceMember(actor, params.space, params.person),
  }),
  defineRoute({
    method: 'patch',
    path: '/spaces/:space/members/:person',
    tag: 'Spaces',
    access: 'members',
    summary: "Make a member a room moderator or a plain member again (owners' roles stay)",
    params: SpaceMemberParams,
    body: SpaceMemberRoleChange,
    response: pageOf(SpaceMember),
    handler: ({ actor, params, body }) =>
      setSpaceMemberRole(actor, params.space, params.person, body as z.infer<typeof SpaceMemberRoleChange>),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces/:space/invitations',
    tag: 'Spaces',
    access: 'members',
    summary: "List a space's pending invitations",
    params: SpaceParams,
    query: InvitationListQuery,
    response: pageOf(SpaceInvitation),
    handler: ({ actor, params, query }) => listSpaceInvitations(actor, params.space, query),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/invitations',
    tag: 'Spaces',
    access: 'members',
    summary:
      'Invite a person (space owners and moderators, admins, moderators); the policy decides who can be',
    status: 201,
    params: SpaceParams,
    body: SpaceInvitationCreate,
    response: SpaceInvitation,
    handler: ({ actor, params, body }) =>
      inviteToSpace(actor, params.space, body as z.infer<typeof SpaceInvitationCreate>),
  }),
  defineRoute({
    method: 'delete',
    path: '/spaces/:space/invitations/:invitation',
    tag: 'Spaces',
    access: 'members',
    summary: 'Withdraw a pending invitation',
    params: SpaceInvitationParams,
    response: SpaceInvitation,
    handler: ({ actor, params }) => revokeInvitation(actor, params.space, params.invitation),
  }),
  defineRoute({
    method: 'put',
    path: '/spaces/:space/forum/category-order',
    tag: 'Forums',
    access: 'members',
    summary: "Reorder a forum's categories (its moderators): every category's slug, in the new order",
    params: SpaceParams,
    body: ForumCategoryOrder,
    response: pageOf(ForumCategory),
    handler: ({ actor, params, body }) =>
      reorderCategories(actor, params.space, body as z.infer<typeof ForumCategoryOrder>),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/leave',
    tag: 'Spaces',
    access: 'members',
    summary: 'Leave a space I joined explicitly',
    params: SpaceParams,
    response: z.object({ left: z.boolean() }),
    handler: ({ actor, params }) => leaveSpace(actor, params.space),
  }),
  defineRoute({
    method: 'get',
    path: '/spaces/:space/posts',
    tag: 'Posts',
    access: 'members',
    summary: "List a space's posts I may read",
    params: SpaceParams,
    query: SpacePostsQuery,
    response: pageOf(Post),
    handler: ({ actor, params, query }) => listSpacePosts(actor, params.space, query),
  }),
  defineRoute({
    method: 'post',
    path: '/spaces/:space/posts',
    tag: 'Posts',
    access: 'members',
    summary: "Post in a space (label defaults to the space's default; never above its ceiling)",
    status: 201,
    params: SpaceParams,
    body: PostCreate,
    response: Post,
    handler: ({ actor, params, body }) => createPost(actor, params.space, body as z.infer<typeof PostCreate>),
  }),
];
