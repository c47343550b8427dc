/** A moderator's (or the author's) relabel of a published library record, never above GREEN, through the kernel. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { libraryLabelRefusal } from '../../../shared/policy/library.js';
import { emitLibraryEvent } from '../../events/contentEvents.js';
import { relabelByKind } from '../content/moderateByKind.js';
import { LIBRARY_KIND } from './libraryKind.js';
import { ConflictError, InvalidError } from '../../errors.js';

/**
 * Relabels a published record (GREEN or CLEAR, as the policy allows) with a justification. A record
 * under review changes label only by an edit, which starts its approvals again: approvals given for
 * GREEN never publish it as CLEAR.
 */
export function relabelLibraryRecord(actor: Actor, id: string, to: Label, justification: string) {
  return relabelByKind(
    LIBRARY_KIND,
    {
      notice: 'library.relabelled',
      refuse: (label, record) => {
        if (record.stage !== 'published')
          return new ConflictError(
            'A record under review changes label by an edit, which asks for its approvals again.',
            { reason: 'record_in_review' },
          );
        const refusal = libraryLabelRefusal(label);
        return refusal
          ? new InvalidError(refusal, [{ path: 'label', message: refusal }], { reason: 'label_not_allowed' })
          : null;
      },
      announce: (before, after) => emitLibraryEvent({ type: 'relabelled', before, after }),
    },
    actor,
    id,
    to,
    justification,
  );
}
