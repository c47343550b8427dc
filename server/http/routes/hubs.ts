/** /api/v1/hubs: the regional hubs (public read, admin write). */
import type { z } from 'zod';
import { Hub, HubCreate, HubListQuery, HubParams, HubUpdate, pageOf } from '../../../shared/schemas/index.js';
import { createHub } from '../../services/hubs/createHub.js';
import { getHub } from '../../services/hubs/getHub.js';
import { listHubs } from '../../services/hubs/listHubs.js';
import { updateHub } from '../../services/hubs/updateHub.js';
import { defineRoute } from '../defineRoute.js';

/** The hub routes. */
export const hubRoutes = [
  defineRoute({
    method: 'get',
    path: '/hubs',
    tag: 'Hubs',
    access: 'public',
    summary: 'List the regional hubs',
    query: HubListQuery,
    response: pageOf(Hub),
    handler: ({ actor, query }) => listHubs(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/hubs/:hub',
    tag: 'Hubs',
    access: 'public',
    summary: 'Read a hub',
    params: HubParams,
    response: Hub,
    handler: ({ actor, params }) => getHub(actor, params.hub),
  }),
  defineRoute({
    method: 'post',
    path: '/hubs',
    tag: 'Hubs',
    access: 'admin',
    summary: 'Create a hub, with its forum and its room',
    status: 201,
    body: HubCreate,
    response: Hub,
    handler: ({ actor, body }) => createHub(actor, body as z.infer<typeof HubCreate>, { openSpaces: true }),
  }),
  defineRoute({
    method: 'patch',
    path: '/hubs/:hub',
    tag: 'Hubs',
    access: 'admin',
    summary: 'Change a hub',
    params: HubParams,
    body: HubUpdate,
    response: Hub,
    handler: ({ actor, params, body }) => updateHub(actor, params.hub, body as z.infer<typeof HubUpdate>),
  }),
];
