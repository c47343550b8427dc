/**
 * The moderation state changes every content type shares: quarantine (visible → quarantined) and
 * restore (quarantined → visible), applied as one conditional update that also appends the step to
 * the item's moderation history, so a concurrent change of state is refused rather than overwritten.
 */
import type { Actor } from '../../../shared/policy/actor.js';

/** One moderation step between states. */
export interface ModerationStep {
  from: 'visible' | 'quarantined';
  to: 'visible' | 'quarantined';
  action: 'quarantine' | 'restore';
}

/** Hides a visible item everywhere. */
export const QUARANTINE: ModerationStep = { from: 'visible', to: 'quarantined', action: 'quarantine' };

/** Brings a quarantined item back as it was. */
export const RESTORE: ModerationStep = { from: 'quarantined', to: 'visible', action: 'restore' };

/** The moderator as written into an item's history. */
export function moderatorRecord(actor: Actor): { byId: string | null; byName: string } {
  return actor.kind === 'person'
    ? { byId: actor.id, byName: actor.name }
    : { byId: null, byName: actor.kind };
}

/** The audit action of a step. */
export function auditActionOf(step: ModerationStep): 'content.quarantined' | 'content.restored' {
  return step.action === 'quarantine' ? 'content.quarantined' : 'content.restored';
}

/** The filter and update that apply `step` to the item with `_id`, only from the step's state. */
export function moderationUpdate(
  _id: unknown,
  actor: Actor,
  reason: string,
  step: ModerationStep,
): [Record<string, unknown>, Record<string, unknown>] {
  return [
    { _id, state: step.from },
    {
      $set: { state: step.to },
      $push: {
        moderation: {
          at: new Date(),
          action: step.action,
          ...moderatorRecord(actor),
          reason,
          from: null,
          to: null,
        },
      },
    },
  ];
}
