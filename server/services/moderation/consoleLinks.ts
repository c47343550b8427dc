/** Where the moderators' console shows an item (client paths), for notices that send moderators there. */
import type { ContentType } from '../../../shared/policy/content.js';

/** Whether a notification kind tells moderators of a new flag (`post.flagged`, `message.flagged`). */
export function isFlagNotice(kind: string): boolean {
  return kind.endsWith('.flagged');
}

/** The console page of one item: its flags, history and the actions the moderator may take. */
export function moderationItemLink(type: ContentType | string, id: string): string {
  return `/moderation/items/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}
