/** /api/v1/applications: the public membership form, and the admins' review of it. */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import {
  Application,
  ApplicationCreate,
  ApplicationDecision,
  ApplicationListQuery,
  ApplicationParams,
  ApplicationReceipt,
  pageOf,
} from '../../../shared/schemas/index.js';
import { decideApplication } from '../../services/applications/decideApplication.js';
import { getApplication, listApplications } from '../../services/applications/listApplications.js';
import { submitApplication } from '../../services/applications/submitApplication.js';
import { defineRoute } from '../defineRoute.js';

/** The application routes; the public form gets the stricter `publicForm` limit. */
export function applicationRoutes(publicForm: RequestHandler) {
  return [
    defineRoute({
      method: 'post',
      path: '/applications',
      tag: 'Applications',
      access: 'public',
      summary: 'Apply for membership and pledge the principles',
      status: 201,
      body: ApplicationCreate,
      response: ApplicationReceipt,
      before: [publicForm],
      handler: ({ actor, body }) => submitApplication(actor, body as z.infer<typeof ApplicationCreate>),
    }),
    defineRoute({
      method: 'get',
      path: '/applications',
      tag: 'Applications',
      access: 'admin',
      summary: 'List membership applications',
      query: ApplicationListQuery,
      response: pageOf(Application),
      handler: ({ actor, query }) => listApplications(actor, query),
    }),
    defineRoute({
      method: 'get',
      path: '/applications/:application',
      tag: 'Applications',
      access: 'admin',
      summary: 'Read an application',
      params: ApplicationParams,
      response: Application,
      handler: ({ actor, params }) => getApplication(actor, params.application),
    }),
    defineRoute({
      method: 'post',
      path: '/applications/:application/decision',
      tag: 'Applications',
      access: 'admin',
      summary: 'Approve or decline an application',
      params: ApplicationParams,
      body: ApplicationDecision,
      response: Application,
      handler: ({ actor, params, body }) =>
        decideApplication(actor, params.application, body as z.infer<typeof ApplicationDecision>),
    }),
  ];
}
