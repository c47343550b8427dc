/**
 * Probe contexts: a person who takes part in given spaces and holds nothing else (no role, no city,
 * named by no RED audience unless an item names PROBE_ID). The policy asked about a probe answers for
 * every person in the same position, so work for many people is decided (and filtered in the query)
 * by the policy itself, not re-implemented: readersAmong.ts, and the rooms' shared missed messages.
 */
import { bareContext, type SharingContext } from '../../shared/policy/sharingContext.js';

/** The probe's person id (no real person has it). */
export const PROBE_ID = '000000000000000000000001';

/** A probe who takes part in `spaceIds` and nothing else. */
export function probeContext(spaceIds: string[]): SharingContext {
  const ctx = bareContext({ kind: 'person', id: PROBE_ID, name: 'probe', cityId: null, roles: [] });
  return { ...ctx, spaceIds };
}
