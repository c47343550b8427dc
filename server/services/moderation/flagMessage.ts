/** Flags a room message for the moderators of its hub, through the kernel's one road (content/flagContent.ts). */
import type { Actor } from '../../../shared/policy/actor.js';
import { flagContent, type FlagInput } from '../content/flagContent.js';
import { MESSAGE_KIND } from '../rooms/messageKind.js';

/** Records the flag and tells the moderators. */
export function flagMessage(actor: Actor, id: string, input: FlagInput) {
  return flagContent(MESSAGE_KIND, actor, id, input);
}
