/**
 * The kernel's retention hook: items older than their type's retention period (RETENTION_DAYS_POSTS,
 * RETENTION_DAYS_MESSAGES; unset keeps them for ever) are deleted with a tombstone, like a moderator's
 * deletion: text and index erased, moderation history kept, open flags resolved, the deletion audited
 * with the reason `retention`, the change published (open pages drop the item), and the items under
 * it (a topic's replies, a thread's replies) hidden with it. The author is told, as for any deletion
 * by someone else. Runs in pages, so a first run over years of material never holds it all in memory.
 * A kind's `retentionFilter` keeps some items out (a document held by a moderator).
 */
import type { ContentType } from '../../../shared/policy/content.js';
import type { OperatorActor } from '../../../shared/policy/actor.js';
import type { ContentDocs } from '../../policy/contentAccess.js';
import type { ContentKind } from './contentKind.js';
import { tombstoneContent } from './moderateContent.js';

/** The actor retention deletions are recorded under (in the audit log and the item's history). */
export const RETENTION_ACTOR: OperatorActor = { kind: 'operator', name: 'retention' };

/** The reason written into the item's history and the audit entry, and told to the author. */
export const RETENTION_REASON = 'The retention period ended.';

/** Items deleted per page. */
const PAGE = 200;

/** What one run did for one type. */
export interface ExpiryResult {
  type: ContentType;
  deleted: number;
}

/** The oldest moment an item of a type kept `days` days may have been created at `now`. */
export function retentionCutoff(days: number, now: Date): Date {
  return new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
}

/** Deletes the kind's items created before `cutoff` that are not deleted yet; returns how many. */
export async function expireContent<T extends ContentType>(
  kind: ContentKind<T>,
  cutoff: Date,
): Promise<ExpiryResult> {
  let deleted = 0;
  for (;;) {
    const page = (await kind.model
      .find({ ...kind.retentionFilter, createdAt: { $lt: cutoff }, state: { $ne: 'deleted' } } as never)
      .sort({ createdAt: 1, _id: 1 })
      .limit(PAGE)
      .lean()) as unknown as ContentDocs[T][];
    if (page.length === 0) return { type: kind.type, deleted };
    for (const item of page) {
      const done = await tombstoneContent(kind, RETENTION_ACTOR, item, {
        reason: RETENTION_REASON,
        auditedReason: RETENTION_REASON,
        audit: true,
        onlyIf: kind.retentionFilter,
      });
      if (!done) continue;
      deleted += 1;
      await kind.hideDependents(item, true);
    }
    if (page.length < PAGE) return { type: kind.type, deleted };
  }
}
