/**
 * Retention by label (RETENTION_DAYS_<LABEL>, RETENTION_GRACE_DAYS), run by the hourly file
 * housekeeping (fileHousekeeping.ts), reckoned by retentionPeriod.ts. One run:
 * - looks again at every expiring document: one that a new version, a relabel or a quarantine took
 *   out of it leaves the expiring state (audited `document.retention_cleared`; a hold clears it at
 *   once, holdDocument.ts); one whose grace period is over is deleted to a tombstone through the
 *   kernel, as the per-type retention does (content/expireContent.ts: audited `content.deleted` by
 *   `retention`, its author told, `deleted` published, so the document's files are removed by
 *   fileHousekeeping.ts's processor);
 * - marks the documents whose label's period has ended as expiring (audited
 *   `document.retention_due`), and tells their author and the hub's moderators through the
 *   notification service, whose rendering never carries an AMBER and above title.
 * Every read goes page by page on an index, through the kind's model as the kernel's own retention
 * reads (an operator's sweep, shown to nobody), so a large collection is never loaded whole; every
 * write is conditional on what was read, so two nodes running it at once do each thing once.
 */
import type { Label } from '../../../shared/policy/labels.js';
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { readPage } from '../../db/pagination.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { loadContent } from '../../policy/contentAccess.js';
import { RETENTION_ACTOR, RETENTION_REASON } from '../content/expireContent.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { notifyModeration } from '../notifications/notify.js';
import { DOCUMENT_KIND } from './documentKind.js';
import { newestStoredAt, reckonRetention, type RetentionSettings } from './retentionPeriod.js';

/** Documents read per page. */
const PAGE = 200;

const DAY = 86_400_000;

/** What one run did. */
export interface DocumentExpiryReport {
  /** Documents newly marked as expiring (people told). */
  due: number;
  /** Expiring documents that left that state (new version, relabel, hold, quarantine). */
  cleared: number;
  /** Documents deleted to a tombstone at the end of their grace period. */
  purged: number;
}

/** The newest version's storing date of the page's documents (a document's own date without versions). */
async function newestVersions(items: DocumentDoc[]): Promise<(item: DocumentDoc) => Date> {
  const versions = (await DocumentVersionModel.find(
    { documentId: { $in: items.map((item) => item._id) } },
    { documentId: 1, createdAt: 1 },
  ).lean()) as { documentId: unknown; createdAt: Date }[];
  const byDocument = new Map<string, { createdAt: Date }[]>();
  for (const v of versions)
    byDocument.set(String(v.documentId), [...(byDocument.get(String(v.documentId)) ?? []), v]);
  return (item) => newestStoredAt(byDocument.get(String(item._id)) ?? [], item.createdAt);
}

/** Runs `each` on every document matching `filter`, page by page in `_id` order. */
async function forEachPage(
  filter: Record<string, unknown>,
  each: (page: DocumentDoc[], newest: (item: DocumentDoc) => Date) => Promise<void>,
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await readPage<DocumentDoc>(DOCUMENT_KIND.model, {
      filters: [filter],
      sortField: '_id',
      limit: PAGE,
      cursor,
    });
    if (page.items.length > 0) await each(page.items, await newestVersions(page.items));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const target = (item: DocumentDoc) => ({ type: 'Document', id: String(item._id), label: item.label });
const NOT_EXPIRING = { 'retention.expiresAt': null, 'retention.noticeAt': null, 'retention.purgeAt': null };

/** Deletes an expiring document whose grace period is over, read again just before; true when deleted. */
async function purge(settings: RetentionSettings, id: DocumentDoc['_id'], now: Date): Promise<boolean> {
  const fresh = (await loadContent(String(id), 'Document')) as DocumentDoc | null;
  if (!fresh) return false;
  const reckoned = reckonRetention(settings, fresh, (await newestVersions([fresh]))(fresh), now);
  if (!reckoned.purgeAt || reckoned.purgeAt > now) return false;
  return tombstoneContent(DOCUMENT_KIND, RETENTION_ACTOR, fresh, {
    reason: RETENTION_REASON,
    auditedReason: RETENTION_REASON,
    audit: true,
    extra: { retention: 'label', expiresAt: reckoned.expiresAt?.toISOString() ?? null },
    // A hold or a quarantine placed since the read above still wins.
    onlyIf: { ...DOCUMENT_KIND.retentionFilter, state: 'visible' },
  });
}

/** Looks again at every expiring document (see the file comment). */
async function reviewExpiring(settings: RetentionSettings, now: Date, report: DocumentExpiryReport) {
  await forEachPage(
    { 'retention.purgeAt': { $ne: null }, state: { $ne: 'deleted' } },
    async (page, newest) => {
      for (const item of page) {
        const reckoned = reckonRetention(settings, item, newest(item), now);
        const stored = item.retention ?? {};
        if (!reckoned.purgeAt) {
          // Stored with the change (server/audit/auditOutbox.ts).
          const left = await DocumentModel.updateOne(
            { _id: item._id, 'retention.purgeAt': stored.purgeAt },
            {
              $set: NOT_EXPIRING,
              ...auditOutboxPush(
                auditOutboxItem(RETENTION_ACTOR, 'document.retention_cleared', target(item), {
                  expiresAt: reckoned.expiresAt?.toISOString() ?? null,
                }),
              ),
            },
          );
          if (left.modifiedCount === 0) continue;
          report.cleared += 1;
          await flushAuditOutbox(DocumentModel as never, item._id);
        } else if (reckoned.purgeAt <= now) {
          if (await purge(settings, item._id, now)) report.purged += 1;
        } else if (
          reckoned.purgeAt.getTime() !== stored.purgeAt?.getTime() ||
          reckoned.expiresAt?.getTime() !== stored.expiresAt?.getTime()
        ) {
          // A relabel to another period: the notice stands, the dates follow the new period.
          await DocumentModel.updateOne(
            { _id: item._id, 'retention.purgeAt': stored.purgeAt },
            { $set: { 'retention.expiresAt': reckoned.expiresAt, 'retention.purgeAt': reckoned.purgeAt } },
          );
        }
      }
    },
  );
}

/** Marks the documents of `label` whose period of `days` has ended as expiring, and tells people. */
async function markDue(
  settings: RetentionSettings,
  label: Label,
  days: number,
  now: Date,
  report: DocumentExpiryReport,
) {
  // A document's newest version is never older than the document, so younger ones cannot be due.
  const created = { $lt: new Date(now.getTime() - days * DAY) };
  const due = { label, state: 'visible' as const, 'retention.held': null, 'retention.purgeAt': null };
  await forEachPage({ ...due, createdAt: created }, async (page, newest) => {
    for (const item of page) {
      const reckoned = reckonRetention(settings, item, newest(item), now);
      if (!reckoned.purgeAt || !reckoned.expiresAt) continue;
      const marked = await DocumentModel.updateOne(
        { _id: item._id, ...due },
        {
          $set: {
            'retention.expiresAt': reckoned.expiresAt,
            'retention.noticeAt': now,
            'retention.purgeAt': reckoned.purgeAt,
          },
          // Stored with the mark (server/audit/auditOutbox.ts).
          ...auditOutboxPush(
            auditOutboxItem(RETENTION_ACTOR, 'document.retention_due', target(item), {
              expiresAt: reckoned.expiresAt.toISOString(),
              purgeAt: reckoned.purgeAt.toISOString(),
              days,
            }),
          ),
        },
      );
      if (marked.modifiedCount === 0) continue;
      report.due += 1;
      await flushAuditOutbox(DocumentModel as never, item._id);
      await notifyModeration(
        RETENTION_ACTOR,
        item,
        'document.retention_due',
        `The retention period of its label ended on ${day(reckoned.expiresAt)}: it will be deleted on ` +
          `${day(reckoned.purgeAt)} unless a newer version is added or a moderator holds it.`,
        'Document',
      );
    }
  });
}

/** One run at `now` (see the file comment); does nothing when no label has a period. */
export async function expireDocuments(
  settings: RetentionSettings,
  now = new Date(),
): Promise<DocumentExpiryReport> {
  const report: DocumentExpiryReport = { due: 0, cleared: 0, purged: 0 };
  await reviewExpiring(settings, now, report);
  for (const [label, days] of Object.entries(settings.labelRetentionDays))
    if (days) await markDue(settings, label as Label, days, now, report);
  return report;
}
