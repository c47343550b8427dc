/** /api/v1/moderation: the review queue per hub. */
import { Flag, FlagQueueQuery, pageOf } from '../../../shared/schemas/index.js';
import { listFlags } from '../../services/moderation/listFlags.js';
import { defineRoute } from '../defineRoute.js';

/** The moderation routes. */
export const moderationRoutes = [
  defineRoute({
    method: 'get',
    path: '/moderation/flags',
    tag: 'Moderation',
    access: 'members',
    summary: 'The review queue of the hubs I moderate (hub=network: spaces outside any hub)',
    query: FlagQueueQuery,
    response: pageOf(Flag),
    handler: ({ actor, query }) => listFlags(actor, query),
  }),
];
