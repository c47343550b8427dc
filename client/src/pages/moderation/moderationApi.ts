/**
 * The moderators' console API as the client calls it (server/http/routes/moderation.ts): shapes come
 * from the shared zod schemas through type-only imports, so the bundle carries no zod.
 */
import type { z } from 'zod';
import type {
  ModerationAuditEntry,
  ModerationRecord,
  QueueBulkOutcome,
  QueueCounts,
  QueueFlag,
  QueueHubs,
} from '../../../../shared/schemas/moderation.js';
import type { Label } from '../../../../shared/policy/labels.js';
import { queryString } from '../../api.js';
import { postWithCsrf } from '../../auth/csrf.js';
import type { Page } from '../../types.js';

/** A flag in the queue, with its item. */
export type FlagView = z.infer<typeof QueueFlag>;
/** An item's record: the item, its flags, its history. */
export type RecordView = z.infer<typeof ModerationRecord>;
/** The queue's counts. */
export type CountsView = z.infer<typeof QueueCounts>;
/** The queues the moderator works. */
export type HubsView = z.infer<typeof QueueHubs>;
/** One audit entry. */
export type AuditView = z.infer<typeof ModerationAuditEntry>;
/** A page of flags. */
export type FlagPage = Page<FlagView>;

/** The reasons a reader may give when flagging (shared/schemas/posts.ts FLAG_REASONS). */
export const FLAG_REASONS = [
  'wrong_space_or_sensitive',
  'personal_data',
  'hate_or_discrimination',
  'targeting_a_group',
  'spam',
  'other',
] as const;

/** The kinds of item the moderators' console handles. */
export type ModeratedKind = 'Post' | 'Message' | 'Document' | 'ExpertRequest' | 'LibraryRecord';

/** The queue's filters as the page keeps them. */
export interface QueueFilters {
  hub: string;
  state: 'open' | 'resolved' | 'dismissed';
  kind: '' | ModeratedKind;
  reason: string;
}

/** The path of the queue for the filters. */
export function queuePath(f: QueueFilters): string {
  return `/moderation/flags${queryString({
    limit: 50,
    state: f.state,
    hub: f.hub || undefined,
    kind: f.kind || undefined,
    reason: f.reason || undefined,
  })}`;
}

/** The path of the counts for the filters. */
export function countsPath(f: QueueFilters): string {
  return `/moderation/flags/counts${queryString({ hub: f.hub || undefined, kind: f.kind || undefined })}`;
}

/** The path of one item's record. */
export function recordPath(type: string, id: string): string {
  return `/moderation/items/${encodeURIComponent(type)}/${encodeURIComponent(id)}`;
}

/** Dismisses a flag with a reason. */
export function dismissFlag(flag: string, reason: string): Promise<FlagView> {
  return postWithCsrf(`/moderation/flags/${encodeURIComponent(flag)}/dismiss`, { reason });
}

/** Dismisses several flags, or quarantines their items, with one reason. */
export function actOnFlags(
  flags: string[],
  action: 'dismiss' | 'quarantine',
  reason: string,
): Promise<z.infer<typeof QueueBulkOutcome>> {
  return postWithCsrf('/moderation/flags/actions', { flags, action, reason });
}

/** One moderation action on an item; answers its record afterwards. */
export function actOnItem(
  type: string,
  id: string,
  verb: 'quarantine' | 'restore' | 'delete' | 'relabel' | 'move',
  body: { reason: string } | { label: Label; justification: string } | { to: string; justification: string },
): Promise<RecordView> {
  return postWithCsrf(`${recordPath(type, id)}/${verb}`, body);
}

/** Flags a room message for the moderators. */
export function flagMessage(
  id: string,
  input: { reason: string; note?: string },
): Promise<{ flagged: true }> {
  return postWithCsrf(`/messages/${encodeURIComponent(id)}/flags`, input);
}
