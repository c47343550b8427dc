/** /api/v1/invitations: the signed-in person's pending invitations to spaces, accepted or declined here. */
import type { z } from 'zod';
import { pageOf } from '../../../shared/schemas/index.js';
import {
  InvitationListQuery,
  InvitationParams,
  SpaceInvitation,
} from '../../../shared/schemas/invitations.js';
import { answerInvitation } from '../../services/invitations/answerInvitation.js';
import { listMyInvitations } from '../../services/invitations/listInvitations.js';
import { defineRoute } from '../defineRoute.js';

/** The invitation routes. */
export const invitationRoutes = [
  defineRoute({
    method: 'get',
    path: '/invitations',
    tag: 'Spaces',
    access: 'members',
    summary: 'List my pending invitations to spaces, newest first',
    query: InvitationListQuery,
    response: pageOf(SpaceInvitation),
    handler: ({ actor, query }) => listMyInvitations(actor, query as z.infer<typeof InvitationListQuery>),
  }),
  ...(['accept', 'decline'] as const).map((answer) =>
    defineRoute({
      method: 'post',
      path: `/invitations/:invitation/${answer}`,
      tag: 'Spaces',
      access: 'members',
      summary: `${answer === 'accept' ? 'Accept' : 'Decline'} an invitation of mine`,
      params: InvitationParams,
      response: SpaceInvitation,
      handler: ({ actor, params }) => answerInvitation(actor, params.invitation, answer),
    }),
  ),
];
