/**
 * Brings stored room threads in line with "replies follow their root" (threadReplies.ts), for data
 * written before that rule: replies of a quarantined or deleted root are hidden with it, replies
 * labelled below their root are raised to its label (audited, their authors told), and RED replies
 * under a RED root keep to the root's audience. Idempotent: a second run changes nothing.
 */
import type { Types } from 'mongoose';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel } from '../../../shared/policy/content.js';
import type { MessageDoc } from '../../models/Message.js';
import { readIndexBatch } from '../../policy/contentAccess.js';
import { hideThreadReplies, raiseThreadReplies } from './threadReplies.js';

/** What one run did. */
export interface ThreadReconciliation {
  roots: number;
  hidden: number;
  relabelled: number;
}

const ROOT_FIELDS = ['spaceId', 'threadId', 'state', 'label', 'audienceIds', 'replyCount', 'topicHidden'];

/** Reconciles every thread, reading messages in batches of `batchSize`. */
export async function reconcileThreads(actor: Actor, batchSize = 500): Promise<ThreadReconciliation> {
  const totals: ThreadReconciliation = { roots: 0, hidden: 0, relabelled: 0 };
  let after: Types.ObjectId | null = null;
  for (;;) {
    const batch: MessageDoc[] = await readIndexBatch<MessageDoc>('Message', after, batchSize, ROOT_FIELDS);
    const last = batch.at(-1);
    if (!last) return totals;
    after = last._id;
    for (const root of batch) {
      if (root.threadId !== null || !(root.replyCount > 0)) continue;
      totals.roots += 1;
      if (root.state !== 'visible') totals.hidden += await hideThreadReplies(root, true);
      else
        totals.relabelled += await raiseThreadReplies(
          actor,
          root,
          asLabel(root.label),
          'reconciled with the first message of its thread',
        );
    }
  }
}
