/**
 * One item's moderation record for a moderator, wherever it lives: the item as the console shows it
 * (content only when they may read it), its flags, and its history (each moderation action with who,
 * when, why and the labels before and after; each flag with its reason; each dismissal). Only for
 * items the moderator's record covers (see listModerationAudit.ts); others are "not found".
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel, type ContentType } from '../../../shared/policy/content.js';
import type { HistoryStep, ModerationRecord } from '../../../shared/schemas/moderation.js';
import { FlagModel, type FlagDoc } from '../../models/Flag.js';
import { loadContent } from '../../policy/contentAccess.js';
import { authorizeSharing, sharingFilter } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';
import { presentFlagOnly } from './listFlags.js';
import { moderatorCovers } from './listModerationAudit.js';
import { presentModeratedItems, refKey } from './presentModeratedItem.js';
import { moderatorContext } from './queueScope.js';

type Step = z.infer<typeof HistoryStep>;

/** The label of a history step, or null. */
function labelOrNull(value: unknown): Step['from'] {
  return value ? asLabel(value) : null;
}

/** The flags' part of the history: each flag raised, and each dismissal. */
function flagSteps(flags: FlagDoc[]): Step[] {
  const steps: Step[] = [];
  for (const f of flags) {
    steps.push({
      at: f.createdAt.toISOString(),
      action: 'flag',
      by: null,
      reason: f.reason,
      from: null,
      to: null,
    });
    if (f.state === 'dismissed' && f.resolvedAt)
      steps.push({
        at: f.resolvedAt.toISOString(),
        action: 'dismiss',
        by: f.resolvedByName ?? null,
        reason: f.resolutionReason ?? null,
        from: null,
        to: null,
      });
  }
  return steps;
}

/** The item's record, for a moderator whose record covers it. */
export async function getModerationRecord(
  actor: Actor,
  type: ContentType,
  id: string,
): Promise<z.infer<typeof ModerationRecord>> {
  const ctx = await moderatorContext(actor);
  const item = await loadContent(id, type);
  if (!item) throw new NotFoundError(type);
  if (!moderatorCovers(ctx, type, item))
    await authorizeSharing(ctx, 'moderate', type, item as unknown as Record<string, unknown>, { hide: type });
  const flags = (await FlagModel.find({
    $and: [sharingFilter(ctx, 'read', 'Flag'), { postId: item._id }],
  } as never)
    .sort({ _id: 1 })
    .lean()) as FlagDoc[];
  const shown = (await presentModeratedItems(ctx, [{ type, id }])).get(refKey({ type, id }));
  if (!shown) throw new NotFoundError(type);
  const actions: Step[] = item.moderation.map((m) => ({
    at: m.at.toISOString(),
    action: m.action,
    by: m.byName ?? null,
    reason: m.reason,
    from: labelOrNull(m.from),
    to: labelOrNull(m.to),
  }));
  const history = [...actions, ...flagSteps(flags)].sort((a, b) => a.at.localeCompare(b.at));
  return { item: shown, flags: flags.map(presentFlagOnly), history };
}
