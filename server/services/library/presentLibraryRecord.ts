/**
 * A library record as its reader sees it: the original text and its translations (each marked human or
 * machine), the label, stage and status; for members, the review (writer, whether it came from a
 * request — never which —, the checks' findings, the approvals and those missing, and what the reader
 * may do); once published, only for its writer, approvers and the editors. Public pages get no review.
 */
import type { z } from 'zod';
import { approvalRoleOf, isLibraryEditor, missingApprovals } from '../../../shared/policy/library.js';
import { mayStayPublished } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { LibraryRecord } from '../../../shared/schemas/library.js';
import type { LibraryRecordDoc } from '../../models/LibraryRecord.js';
import { activeNamesById } from '../lookups.js';
import { findingsOf } from './libraryFindings.js';

/** A presented record. */
export type PresentedLibraryRecord = z.infer<typeof LibraryRecord>;

type Text = PresentedLibraryRecord['texts'][number];

function textOf(source: Record<string, unknown>, language: string, origin: Text['origin']): Text {
  const s = (key: string) => String(source[key] ?? '');
  return {
    language,
    origin,
    title: s('title'),
    summary: s('summary'),
    problem: s('problem'),
    approach: s('approach'),
    actors: s('actors'),
    resources: s('resources'),
    results: s('results'),
    transferability: s('transferability'),
  };
}

/** The public part of a record (what a visitor of its CLEAR page may see). */
export function presentPublicRecord(record: LibraryRecordDoc): PresentedLibraryRecord {
  return {
    id: String(record._id),
    label: mayStayPublished(record.label) ? 'CLEAR' : 'GREEN',
    stage: record.stage,
    status: record.status,
    themes: record.themes,
    regions: record.regions,
    texts: [
      textOf(record as unknown as Record<string, unknown>, record.language ?? 'en', 'original'),
      ...record.translations.map((t) =>
        textOf(t as unknown as Record<string, unknown>, t.language, t.origin),
      ),
    ],
    publishedAt: record.publishedAt ? record.publishedAt.toISOString() : null,
  };
}

/** Whether the reader writes or edits this record (its writer, or an editor). */
export function mayEdit(ctx: SharingContext, record: LibraryRecordDoc): boolean {
  return isLibraryEditor(ctx) || (ctx.actor.kind === 'person' && String(record.authorId) === ctx.actor.id);
}

/** A record for a member, with its review (`places`: the checks' places, when a page already read them). */
export async function presentLibraryRecord(
  ctx: SharingContext,
  record: LibraryRecordDoc,
  places?: () => Promise<string[]>,
): Promise<PresentedLibraryRecord> {
  // Once published, who wrote and approved it (which may name the source city's focal point) is for
  // the writer, its approvers and the editors only.
  const approver = record.approvals.some(
    (a) => ctx.actor.kind === 'person' && String(a.byId) === ctx.actor.id,
  );
  if (record.stage === 'published' && !mayEdit(ctx, record) && !approver) return presentPublicRecord(record);
  const [findings, names] = await Promise.all([
    findingsOf(record, places?.()),
    activeNamesById([record.authorId, ...record.approvals.map((a) => a.byId)]),
  ]);
  const approvals = record.approvals.map((a) => ({ as: a.as, byId: a.byId }));
  const editable = mayEdit(ctx, record) && record.stage !== 'published' && record.state === 'visible';
  const authorName = names.get(String(record.authorId));
  return {
    ...presentPublicRecord(record),
    review: {
      author: authorName ? { id: String(record.authorId), name: authorName } : null,
      fromRequest: Boolean(record.source?.requestId),
      sanitise: Boolean(record.source?.sanitise),
      findings,
      approvals: record.approvals.map((a) => ({
        as: a.as,
        by: names.get(String(a.byId)) ?? null,
        at: a.at.toISOString(),
      })),
      missing: record.stage === 'published' ? [] : missingApprovals(record.source?.cityId ?? null, approvals),
      abilities: {
        edit: editable,
        submit: editable && record.stage === 'draft',
        approve:
          record.stage === 'in_review' &&
          record.state === 'visible' &&
          approvalRoleOf(ctx, { sourceCityId: record.source?.cityId ?? null, approvals }) !== null,
        translate:
          record.state === 'visible' && (editable || (record.stage === 'published' && isLibraryEditor(ctx))),
        peerReview: record.stage === 'published' && record.status === 'shared' && isLibraryEditor(ctx),
      },
    },
  };
}
