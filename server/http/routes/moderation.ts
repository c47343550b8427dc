/**
 * /api/v1/moderation: the moderators' console. The review queue per hub (filters and counts), dismissal
 * of flags (one or many), the queue-wide quarantine, each item's record (flags and history) and the
 * moderation actions on it, and the moderators' view of the audit log. Flagging a room message lives
 * here too (posts are flagged at /posts/{post}/flags). Each route calls one service.
 */
import { z } from 'zod';
import {
  ActionMove,
  ActionReason,
  ActionRelabel,
  FlagParams,
  ItemFlagCreate,
  ModeratedItemParams,
  ModerationAuditEntry,
  ModerationAuditQuery,
  ModerationRecord,
  QueueBulkAction,
  QueueBulkOutcome,
  QueueCounts,
  QueueCountsQuery,
  QueueFlag,
  QueueHubs,
  QueueQuery,
} from '../../../shared/schemas/moderation.js';
import { MessageParams, pageOf } from '../../../shared/schemas/index.js';
import type { Actor } from '../../../shared/policy/actor.js';
import type { ContentType } from '../../../shared/policy/content.js';
import { actOnQueue } from '../../services/moderation/actOnQueue.js';
import { countFlags } from '../../services/moderation/countFlags.js';
import { dismissFlag } from '../../services/moderation/dismissFlag.js';
import { flagMessage } from '../../services/moderation/flagMessage.js';
import { getModerationRecord } from '../../services/moderation/getModerationRecord.js';
import { listFlags } from '../../services/moderation/listFlags.js';
import { listModerationAudit } from '../../services/moderation/listModerationAudit.js';
import { listQueueHubs } from '../../services/moderation/listQueueHubs.js';
import {
  deleteItem,
  moveItem,
  quarantineItem,
  relabelItem,
  restoreItem,
} from '../../services/moderation/moderateItem.js';
import { defineRoute } from '../defineRoute.js';

type ItemParams = z.infer<typeof ModeratedItemParams>;

/** A moderation action with a reason on one item, answering the item's record afterwards. */
function reasonRoute(
  verb: 'quarantine' | 'restore' | 'delete',
  summary: string,
  run: (actor: Actor, type: ContentType, id: string, reason: string) => Promise<unknown>,
) {
  return defineRoute({
    method: 'post',
    path: `/moderation/items/:type/:id/${verb}`,
    tag: 'Moderation',
    access: 'members',
    summary,
    params: ModeratedItemParams,
    body: ActionReason,
    response: ModerationRecord,
    handler: async ({ actor, params, body }) => {
      const { type, id } = params as ItemParams;
      await run(actor, type, id, (body as z.infer<typeof ActionReason>).reason);
      return getModerationRecord(actor, type, id);
    },
  });
}

/** The moderation routes. */
export const moderationRoutes = [
  defineRoute({
    method: 'get',
    path: '/moderation/flags',
    tag: 'Moderation',
    access: 'members',
    summary:
      'The review queue of the hubs I moderate (hub=network: spaces outside any hub), by state, kind and reason',
    query: QueueQuery,
    response: pageOf(QueueFlag),
    handler: ({ actor, query }) => listFlags(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/moderation/flags/counts',
    tag: 'Moderation',
    access: 'members',
    summary: 'How many flags I may see, by state, and the open ones by reason',
    query: QueueCountsQuery,
    response: QueueCounts,
    handler: ({ actor, query }) => countFlags(actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/moderation/hubs',
    tag: 'Moderation',
    access: 'members',
    summary: 'The queues I work: the hubs I moderate, and the network queue for global moderators',
    response: QueueHubs,
    handler: ({ actor }) => listQueueHubs(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/moderation/flags/:flag/dismiss',
    tag: 'Moderation',
    access: 'members',
    summary: 'Dismiss an open flag with a reason; the item stays as it is',
    params: FlagParams,
    body: ActionReason,
    response: QueueFlag,
    handler: ({ actor, params, body }) =>
      dismissFlag(actor, params.flag, (body as z.infer<typeof ActionReason>).reason),
  }),
  defineRoute({
    method: 'post',
    path: '/moderation/flags/actions',
    tag: 'Moderation',
    access: 'members',
    summary: 'Queue-wide action: dismiss several flags, or quarantine their items, with one reason',
    body: QueueBulkAction,
    response: QueueBulkOutcome,
    handler: ({ actor, body }) => actOnQueue(actor, body as z.infer<typeof QueueBulkAction>),
  }),
  defineRoute({
    method: 'get',
    path: '/moderation/items/:type/:id',
    tag: 'Moderation',
    access: 'members',
    summary: "An item's moderation record: the item, its flags and its history (its moderators)",
    params: ModeratedItemParams,
    response: ModerationRecord,
    handler: ({ actor, params }) => getModerationRecord(actor, params.type, params.id),
  }),
  reasonRoute('quarantine', 'Quarantine an item with a reason (moderators)', quarantineItem),
  reasonRoute('restore', 'Restore a quarantined item with a reason (moderators)', restoreItem),
  reasonRoute('delete', "Delete someone's item with a reason, leaving a tombstone (moderators)", deleteItem),
  defineRoute({
    method: 'post',
    path: '/moderation/items/:type/:id/relabel',
    tag: 'Moderation',
    access: 'members',
    summary: 'Raise or lower the label of an item with a justification (moderators)',
    params: ModeratedItemParams,
    body: ActionRelabel,
    response: ModerationRecord,
    handler: async ({ actor, params, body }) => {
      const input = body as z.infer<typeof ActionRelabel>;
      await relabelItem(actor, params.type, params.id, input.label, input.justification);
      return getModerationRecord(actor, params.type, params.id);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/moderation/items/:type/:id/move',
    tag: 'Moderation',
    access: 'members',
    summary: 'Move a post to another space, maybe relabelled, with a justification (moderators)',
    params: ModeratedItemParams,
    body: ActionMove,
    response: ModerationRecord,
    handler: async ({ actor, params, body }) => {
      await moveItem(actor, params.type, params.id, body as z.infer<typeof ActionMove>);
      return getModerationRecord(actor, params.type, params.id);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/moderation/audit',
    tag: 'Moderation',
    access: 'members',
    summary: 'The moderation record of the items I moderate, newest first, by person, item and action',
    query: ModerationAuditQuery,
    response: pageOf(ModerationAuditEntry),
    handler: ({ actor, query }) => listModerationAudit(actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/messages/:message/flags',
    tag: 'Moderation',
    access: 'members',
    summary: 'Flag a room message for the moderators (anyone who may read it, never their own)',
    status: 202,
    params: MessageParams,
    body: ItemFlagCreate,
    response: z.object({ flagged: z.literal(true) }),
    handler: ({ actor, params, body }) =>
      flagMessage(actor, params.message, body as z.infer<typeof ItemFlagCreate>),
  }),
];
