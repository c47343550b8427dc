/** A moderator's (or the author's) relabel of a library record, never above GREEN, through the kernel. */
import type { Actor } from '../../../shared/policy/actor.js';
import type { Label } from '../../../shared/policy/labels.js';
import { libraryLabelRefusal } from '../../../shared/policy/library.js';
import { emitLibraryEvent } from '../../events/contentEvents.js';
import { relabelByKind } from '../content/moderateByKind.js';
import { LIBRARY_KIND } from './libraryKind.js';

/** Relabels the record (GREEN or CLEAR, as the policy allows) with a justification. */
export function relabelLibraryRecord(actor: Actor, id: string, to: Label, justification: string) {
  return relabelByKind(
    LIBRARY_KIND,
    {
      notice: 'library.relabelled',
      refuse: libraryLabelRefusal,
      announce: (before, after) => emitLibraryEvent({ type: 'relabelled', before, after }),
    },
    actor,
    id,
    to,
    justification,
  );
}
