/**
 * Queue-wide actions, for spam waves: several flags at once, each dismissed, or its item quarantined,
 * with one reason. Every flag is decided on its own by the same rules as a single action (a flag the
 * moderator may not see or act on is refused, never skipped silently), and the answer says, flag by
 * flag, what was done or the stable reason it was refused. Flags of an item already quarantined in
 * the same batch count as done.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { QueueBulkAction, QueueBulkOutcome } from '../../../shared/schemas/moderation.js';
import { AppError } from '../../errors.js';
import { dismissLoadedFlag, loadFlagFor } from './dismissFlag.js';
import { flagRef } from './listFlags.js';
import { quarantineItem } from './moderateItem.js';
import { refKey } from './presentModeratedItem.js';
import { moderatorContext } from './queueScope.js';

type Outcome = z.infer<typeof QueueBulkOutcome>['results'][number];

/** The stable reason of a refusal (its specific reason, else its general kind). */
function refusalOf(error: unknown): string {
  if (error instanceof AppError) return error.reason ?? error.code;
  throw error;
}

/** Applies the action to each flag in turn and reports each outcome. */
export async function actOnQueue(
  actor: Actor,
  input: z.infer<typeof QueueBulkAction>,
): Promise<z.infer<typeof QueueBulkOutcome>> {
  const ctx = await moderatorContext(actor);
  const quarantined = new Set<string>();
  const results: Outcome[] = [];
  for (const flagId of [...new Set(input.flags)]) {
    try {
      const flag = await loadFlagFor(ctx, flagId);
      const ref = flagRef(flag);
      if (input.action === 'dismiss') await dismissLoadedFlag(actor, flag, input.reason);
      else if (!quarantined.has(refKey(ref))) {
        await quarantineItem(actor, ref.type, ref.id, input.reason);
        quarantined.add(refKey(ref));
      }
      results.push({ flag: flagId, outcome: 'done', reason: null });
    } catch (error) {
      results.push({ flag: flagId, outcome: 'refused', reason: refusalOf(error) });
    }
  }
  return { results };
}
