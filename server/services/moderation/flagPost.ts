/** Flags a post for the moderators of its hub, through the kernel's one road (content/flagContent.ts). */
import type { Actor } from '../../../shared/policy/actor.js';
import { flagContent, type FlagInput } from '../content/flagContent.js';
import { POST_KIND } from '../posts/postKind.js';

/** Records the flag and tells the moderators. */
export function flagPost(actor: Actor, id: string, input: FlagInput) {
  return flagContent(POST_KIND, actor, id, input);
}
