/** Who must use a second factor: admins, moderators and experts (SHARING.md); others may opt in. */
import type { Role } from '../../shared/roles.js';

const REQUIRED: readonly Role[] = ['admin', 'moderator', 'expert'];

/** Whether these roles require a second factor. */
export function requiresSecondFactor(roles: readonly string[]): boolean {
  return roles.some((role) => REQUIRED.includes(role as Role));
}

/** How long a passed password waits for its second factor. */
export const PENDING_SECOND_FACTOR_MS = 5 * 60_000;
