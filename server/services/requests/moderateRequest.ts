/** A moderator's (or the requester's) relabel of an expert request, through the kernel (deletion: content/moderateByKind.ts). */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { emitRequestEvent } from '../../events/contentEvents.js';
import { relabelByKind } from '../content/moderateByKind.js';
import { REQUEST_KIND } from './requestKind.js';

/** Relabels the request (raise or lower as the policy allows) with a justification. */
export function relabelRequest(actor: Actor, id: string, to: Label, justification: string) {
  return relabelByKind(
    REQUEST_KIND,
    {
      notice: 'request.relabelled',
      announce: (before, after) => emitRequestEvent({ type: 'relabelled', before, after }),
    },
    actor,
    id,
    to,
    justification,
  );
}
