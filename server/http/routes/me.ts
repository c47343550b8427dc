/**
 * /api/v1/me: the signed-in person's notifications, notification preferences (per space too), data
 * export, access log of their own sensitive material and account erasure; the public content API.
 */
import {
  AccessLogEntry,
  AccessLogQuery,
  EraseMyAccount,
  ErasureReport,
  ErasureRequirements,
  SetSpaceNotificationLevel,
  SpaceNotificationSetting,
  SpaceNotificationSettings,
  SpaceSettingParams,
  MarkAllNotificationsRead,
  MarkedNotification,
  MarkedNotifications,
  MyExport,
  MySharingContext,
  NotificationListQuery,
  Notification,
  NotificationParams,
  NotificationPreferences,
  PageQuery,
  Post,
  PostParams,
  UnreadNotificationCount,
  pageOf,
} from '../../../shared/schemas/index.js';
import { eraseMyAccount, erasureRequirements } from '../../services/erasure/eraseMyAccount.js';
import { exportMyData, exportFileName } from '../../services/me/exportMyData.js';
import { listAccessLog } from '../../services/me/listAccessLog.js';
import { getSharingContext } from '../../services/me/getSharingContext.js';
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../services/notifications/listNotifications.js';
import {
  getNotificationPreferences,
  updateNotificationPreferences,
} from '../../services/notifications/notificationPreferences.js';
import {
  listSpaceNotificationSettings,
  setSpaceNotificationLevel,
} from '../../services/notifications/spaceNotificationSettings.js';
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
    path: '/me/notifications/unread-count',
    tag: 'Me',
    access: 'members',
    summary: 'How many unread notifications I would see (only those whose item I may still read)',
    response: UnreadNotificationCount,
    handler: ({ actor }) => countUnreadNotifications(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/me/notifications/read',
    tag: 'Me',
    access: 'members',
    summary: 'Mark all my notifications read (or those up to `upTo`)',
    body: MarkAllNotificationsRead,
    response: MarkedNotifications,
    handler: ({ actor, body }) => markAllNotificationsRead(actor, body.upTo),
  }),
  defineRoute({
    method: 'post',
    path: '/me/notifications/:notification/read',
    tag: 'Me',
    access: 'members',
    summary: 'Mark one of my notifications read',
    params: NotificationParams,
    response: MarkedNotification,
    handler: ({ actor, params }) => markNotificationRead(actor, params.notification),
  }),
  defineRoute({
    method: 'get',
    path: '/me/notification-preferences',
    tag: 'Me',
    access: 'members',
    summary: 'My notification preferences: e-mail digest (off, daily, weekly) and e-mail when mentioned',
    response: NotificationPreferences,
    handler: ({ actor }) => getNotificationPreferences(actor),
  }),
  defineRoute({
    method: 'put',
    path: '/me/notification-preferences',
    tag: 'Me',
    access: 'members',
    summary: 'Replace my notification preferences',
    body: NotificationPreferences,
    response: NotificationPreferences,
    handler: ({ actor, body }) => updateNotificationPreferences(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/me/notification-preferences/spaces',
    tag: 'Me',
    access: 'members',
    summary:
      'The spaces I take part in, each with what I hear from it: all, mentions only, or nothing (muted)',
    response: SpaceNotificationSettings,
    handler: ({ actor }) => listSpaceNotificationSettings(actor),
  }),
  defineRoute({
    method: 'put',
    path: '/me/notification-preferences/spaces/:space',
    tag: 'Me',
    access: 'members',
    summary: 'Set what I hear from one space I take part in (a space I do not take part in is not found)',
    params: SpaceSettingParams,
    body: SetSpaceNotificationLevel,
    response: SpaceNotificationSetting,
    handler: ({ actor, params, body }) => setSpaceNotificationLevel(actor, params.space, body.level),
  }),
  defineRoute({
    method: 'get',
    path: '/me/export',
    tag: 'Me',
    access: 'members',
    summary:
      "Export my own data (my profiles and everything I wrote: posts, room messages, documents, expert requests and library records, each item with its label; others' material only as my notifications show it)",
    response: MyExport,
    handler: async ({ actor, res }) => {
      const data = await exportMyData(actor);
      res.attachment(exportFileName(data.exportedAt));
      return data;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/me/access-log',
    tag: 'Me',
    access: 'members',
    summary:
      'Who viewed, downloaded or was delivered my own AMBER+STRICT and RED posts and messages, newest first',
    query: AccessLogQuery,
    response: pageOf(AccessLogEntry),
    handler: ({ actor, query }) => listAccessLog(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/me/erasure',
    tag: 'Me',
    access: 'members',
    summary:
      'What erasing my account asks: my e-mail address to type again, whether an authenticator code, and whether a fresh sign-in with my security key',
    response: ErasureRequirements,
    handler: ({ actor, req }) => erasureRequirements(actor, req),
  }),
  defineRoute({
    method: 'post',
    path: '/me/erasure',
    tag: 'Me',
    access: 'members',
    summary:
      'Erase my account (from a browser session only): my e-mail typed again, and a code when I have a second factor',
    body: EraseMyAccount,
    response: ErasureReport,
    handler: ({ actor, req, body }) => eraseMyAccount(actor, req, body),
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
