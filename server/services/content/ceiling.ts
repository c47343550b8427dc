/**
 * The one ceiling check of labelled content (SHARING.md, "Spaces"): nothing is stored above its
 * space's ceiling. Refused, never downgraded, with a message naming the ceiling and a stable reason
 * the client translates.
 */
import { ceilingRefusal } from '../../../shared/policy/content.js';
import type { Label } from '../../../shared/policy/labels.js';
import { InvalidError } from '../../errors.js';

/** The facts of a space the check needs. */
interface CeilingOf {
  name: string;
  ceiling: string;
}

/** Throws when `label` is above the space's ceiling; `path` names the input field at fault. */
export function requireWithinCeiling(label: Label, space: CeilingOf, path = 'label'): void {
  const refusal = ceilingRefusal(label, space.ceiling as Label, space.name);
  if (refusal)
    throw new InvalidError(refusal, [{ path, message: `above the ceiling ${space.ceiling}` }], {
      reason: 'label_above_ceiling',
      params: { label, ceiling: space.ceiling, space: space.name },
    });
}
