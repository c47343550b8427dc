/**
 * Dismissing a flag: the moderator of the flagged item's hub closes it with a reason and the item
 * stays as it is. A flag the moderator may not see is "not found"; one whose item they may not
 * moderate is refused; a flag already closed (dismissed twice, or resolved by an action) is refused
 * with `state_conflict`. Audited against the item, so its history shows who dismissed and why.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { QueueFlag } from '../../../shared/schemas/moderation.js';
import { auditOutboxItem } from '../../audit/auditOutbox.js';
import { FlagModel, type FlagDoc } from '../../models/Flag.js';
import { loadContent } from '../../policy/contentAccess.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import { dismissOpenFlag } from '../content/flagContent.js';
import { flagRef, presentFlagOnly } from './listFlags.js';
import { presentModeratedItems, refKey } from './presentModeratedItem.js';
import { moderatorContext } from './queueScope.js';

/** The refusal of a flag that is no longer open. */
function notOpen(): ConflictError {
  return new ConflictError('The flag is not open.', { reason: 'state_conflict', params: { state: 'open' } });
}

/** Loads a flag the moderator may see and whose item they may moderate; otherwise throws. */
export async function loadFlagFor(ctx: SharingContext, flagId: string): Promise<FlagDoc> {
  const flag = (await FlagModel.findById(flagId).lean()) as FlagDoc | null;
  if (!flag) throw new NotFoundError('Flag');
  await authorizeSharing(ctx, 'read', 'Flag', flag as unknown as Record<string, unknown>, { hide: 'Flag' });
  const ref = flagRef(flag);
  const item = await loadContent(ref.id, ref.type);
  if (item && item.state !== 'deleted')
    await authorizeSharing(ctx, 'moderate', ref.type, item as unknown as Record<string, unknown>);
  return flag;
}

/** Dismisses one open flag the loaded moderator may act on; returns nothing, throws on refusal. */
export async function dismissLoadedFlag(actor: Actor, flag: FlagDoc, reason: string): Promise<void> {
  if (flag.state !== 'open') throw notOpen();
  const ref = flagRef(flag);
  const item = await loadContent(ref.id, ref.type);
  const audit = auditOutboxItem(
    actor,
    'flag.dismissed',
    { type: ref.type, id: ref.id, ...(item ? { label: item.label } : {}) },
    { flag: String(flag._id), flagReason: flag.reason, reason },
  );
  if (!(await dismissOpenFlag(flag._id, actor, reason, audit))) throw notOpen();
}

/** Dismisses the flag with a reason and answers it as the queue shows it. */
export async function dismissFlag(
  actor: Actor,
  flagId: string,
  reason: string,
): Promise<z.infer<typeof QueueFlag>> {
  const ctx = await moderatorContext(actor);
  const flag = await loadFlagFor(ctx, flagId);
  await dismissLoadedFlag(actor, flag, reason);
  const stored = (await FlagModel.findById(flagId).lean()) as FlagDoc;
  const ref = flagRef(stored);
  const item = (await presentModeratedItems(ctx, [ref])).get(refKey(ref));
  if (!item) throw new NotFoundError('Flag');
  return { ...presentFlagOnly(stored), item };
}
