/**
 * What happens to each item a person wrote when they erase their account (SHARING.md is silent; the
 * safer reading, written down here):
 *
 * - An item others built on (a forum topic or room thread with other people's replies) stays,
 *   authored by "former member": deleting it would take their words with it (a topic's deletion
 *   deletes its replies, a thread root's hides them).
 * - Otherwise, direct conversations are deleted: with two people, a pseudonym protects no one.
 * - CLEAR and GREEN material, shared for the network to learn from (the members' pledge: "share
 *   non-sensitive information so peers can learn"), stays, authored by "former member" (no name).
 * - AMBER and above (need-to-know, a small known audience to whom a pseudonym says who it was) is
 *   deleted to the kernel's tombstone.
 *
 * Kept items lose every trace of the name (a message's stored author name, copies forwarded with the
 * name); their author id stays, naming no one once the person record is gone.
 */
import { asLabel } from '../../../shared/policy/content.js';
import { bodyMayLeave } from '../../../shared/policy/labels.js';

/** What erasure does to one item. */
export type ErasureOutcome = 'delete' | 'keep';

/** The facts the decision needs about one item. */
export interface ErasedItemFacts {
  label: string;
  /** The kind of the item's space (`direct` for a direct conversation). */
  spaceKind: string | null;
  /** Whether other people replied to it (a topic's or thread root's replies by someone else). */
  othersReplied: boolean;
}

/** The outcome for one item (see the module comment). */
export function erasureOutcome(item: ErasedItemFacts): ErasureOutcome {
  if (item.othersReplied) return 'keep';
  if (item.spaceKind === 'direct') return 'delete';
  return bodyMayLeave(asLabel(item.label)) ? 'keep' : 'delete';
}
