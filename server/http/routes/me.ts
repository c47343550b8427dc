/** /api/v1/me: the signed-in person's notifications and data export; the public content API. */
import {
  MyExport,
  MySharingContext,
  NotificationListQuery,
  Notification,
  PageQuery,
  Post,
  PostParams,
  pageOf,
} from '../../../shared/schemas/index.js';
import { exportMyData } from '../../services/me/exportMyData.js';
import { getSharingContext } from '../../services/me/getSharingContext.js';
import { listNotifications } from '../../services/notifications/listNotifications.js';
import { getPublicPost, listPublicPosts } from '../../services/posts/listPublicPosts.js';
import { defineRoute } from '../defineRoute.js';

/** The personal routes and the public content routes. */
export const meRoutes = [
  defineRoute({
    method: 'get',
    path: '/me/notifications',
    tag: 'Me',
    access: 'members',
    summary: 'My in-app notifications (AMBER and above: only "new material in <space>")',
    query: NotificationListQuery,
    response: pageOf(Notification),
    handler: ({ actor, query }) => listNotifications(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/me/export',
    tag: 'Me',
    access: 'members',
    summary: 'Export my own data (only material I may share onward)',
    response: MyExport,
    handler: ({ actor }) => exportMyData(actor),
  }),
  defineRoute({
    method: 'get',
    path: '/me/sharing',
    tag: 'Me',
    access: 'members',
    summary: 'The facts the sharing policy holds about me, to build the same ability in the client',
    response: MySharingContext,
    handler: ({ actor }) => getSharingContext(actor),
  }),
  defineRoute({
    method: 'get',
    path: '/public/posts',
    tag: 'Public',
    access: 'public',
    summary: 'Published CLEAR posts',
    query: PageQuery.strict(),
    response: pageOf(Post),
    handler: ({ query }) => listPublicPosts(query),
  }),
  defineRoute({
    method: 'get',
    path: '/public/posts/:post',
    tag: 'Public',
    access: 'public',
    summary: 'One published CLEAR post',
    params: PostParams,
    response: Post,
    handler: ({ params }) => getPublicPost(params.post),
  }),
];
