/** /api/v1/home: the member's workspace — what is new for me, and one room's unread count. */
import { HomeRoomParams, HomeRoomUnread, HomeSummary } from '../../../shared/schemas/home.js';
import { getHomeSummary, getRoomUnread } from '../../services/home/getHomeSummary.js';
import { defineRoute } from '../defineRoute.js';

/** The home routes. */
export const homeRoutes = [
  defineRoute({
    method: 'get',
    path: '/home',
    tag: 'Home',
    access: 'members',
    summary:
      'What is new for me: my hubs, my spaces with unread messages and mentions (counting only what I may read), my unread mentions, and the areas I may open',
    response: HomeSummary,
    handler: ({ actor }) => getHomeSummary(actor),
  }),
  defineRoute({
    method: 'get',
    path: '/home/rooms/:room/unread',
    tag: 'Home',
    access: 'members',
    summary: 'How many messages of one of my rooms I have not read (counting only what I may read)',
    params: HomeRoomParams,
    response: HomeRoomUnread,
    handler: ({ actor, params }) => getRoomUnread(actor, params.room),
  }),
];
