/**
 * The Expert Pool's profiles (issue 14, part 1): my own expert profile (/me/expert-profile), the
 * experts directory for members (/experts) and the Management Unit's verification.
 */
import { pageOf } from '../../../shared/schemas/common.js';
import {
  ExpertListQuery,
  ExpertParams,
  ExpertProfile,
  ExpertProfileUpdate,
  ExpertVerification,
} from '../../../shared/schemas/experts.js';
import { getExpert } from '../../services/experts/getExpert.js';
import { getMyExpertProfile } from '../../services/experts/getMyExpertProfile.js';
import { listExperts } from '../../services/experts/listExperts.js';
import { updateMyExpertProfile } from '../../services/experts/updateMyExpertProfile.js';
import { verifyExpert } from '../../services/experts/verifyExpert.js';
import { defineRoute } from '../defineRoute.js';

/** The expert profile routes. */
export const expertRoutes = [
  defineRoute({
    method: 'get',
    path: '/me/expert-profile',
    tag: 'Experts',
    access: 'members',
    summary:
      'My expert profile, with its conflicts and clearance (experts only; blank before the first save)',
    response: ExpertProfile,
    handler: ({ actor }) => getMyExpertProfile(actor),
  }),
  defineRoute({
    method: 'put',
    path: '/me/expert-profile',
    tag: 'Experts',
    access: 'members',
    summary:
      'Save my expert profile (experts only); changing topics, languages, formats, regions or conflicts clears its verification',
    body: ExpertProfileUpdate,
    response: ExpertProfile,
    handler: ({ actor, body }) => updateMyExpertProfile(actor, body),
  }),
  defineRoute({
    method: 'get',
    path: '/experts',
    tag: 'Experts',
    access: 'members',
    summary:
      'The experts directory for the network’s members, filtered by topic, language, region, format and availability',
    query: ExpertListQuery,
    response: pageOf(ExpertProfile),
    handler: ({ actor, query }) => listExperts(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/experts/:person',
    tag: 'Experts',
    access: 'members',
    summary: 'One expert of the directory',
    params: ExpertParams,
    response: ExpertProfile,
    handler: ({ actor, params }) => getExpert(actor, params.person),
  }),
  defineRoute({
    method: 'post',
    path: '/experts/:person/verification',
    tag: 'Experts',
    access: 'members',
    summary: 'Verify an expert and set their clearance ceiling (the Management Unit)',
    params: ExpertParams,
    body: ExpertVerification,
    response: ExpertProfile,
    handler: ({ actor, params, body }) => verifyExpert(actor, params.person, body),
  }),
];
