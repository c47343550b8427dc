/**
 * The review of a library record: its writer (or an editor) edits the draft, adds translations and
 * submits it once the checks find nothing that stops it and the principle-3 checklist is confirmed;
 * the source city's focal point and an editor approve it (two editors for a record with no source
 * city), each once; with both approvals it moves to the library space and is published (CLEAR ones on
 * the public pages too). Editors mark published records peer-reviewed. Each step is audited; an edit
 * starts the approvals again.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { approvalRoleOf, isLibraryEditor, missingApprovals } from '../../../shared/policy/library.js';
import { mayStayPublished } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type {
  LibraryRecordUpdate,
  LibraryReviewInput,
  LibraryTranslationInput,
} from '../../../shared/schemas/library.js';
import { contentLanguageOf } from '../../../shared/languages.js';
import { indexTokens } from '../../../shared/search/tokens.js';
import { auditOutboxItem, flushAuditOutbox } from '../../audit/auditOutbox.js';
import type { AuditOutboxItem } from '../../models/auditOutbox.js';
import { emitLibraryEvent } from '../../events/contentEvents.js';
import { LibraryRecordModel, type LibraryRecordDoc } from '../../models/LibraryRecord.js';
import { PersonModel } from '../../models/Person.js';
import { CityModel } from '../../models/City.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors.js';
import { loadContentFor } from '../content/loadContentFor.js';
import { notify } from '../notifications/notify.js';
import { blockingOf, findingsOf } from './libraryFindings.js';
import { LIBRARY_KIND } from './libraryKind.js';
import { librarySpace } from './libraryPlaces.js';
import { storedText } from './libraryText.js';
import { mayEdit, presentLibraryRecord, type PresentedLibraryRecord } from './presentLibraryRecord.js';

async function loadFor(actor: Actor, id: string): Promise<{ ctx: SharingContext; record: LibraryRecordDoc }> {
  const ctx = await loadSharingContext(actor);
  const record = await loadContentFor(ctx, 'LibraryRecord', id);
  if (record.state !== 'visible') throw new NotFoundError('LibraryRecord');
  return { ctx, record };
}

function requireEditable(ctx: SharingContext, record: LibraryRecordDoc): void {
  if (!mayEdit(ctx, record))
    throw new ForbiddenError('Only its writer or a library editor changes a record.');
  if (record.stage === 'published')
    throw new ConflictError('A published record is not edited; an editor may add translations.', {
      reason: 'record_published',
    });
}

/**
 * Writes `update` if the record is still as read (`updatedAt`), else a conflict, with the audit
 * entries it makes true (server/audit/auditOutbox.ts), which are then appended; returns it as stored.
 */
async function writeIfUnchanged(
  record: LibraryRecordDoc,
  update: Record<string, unknown>,
  audit: AuditOutboxItem[],
): Promise<LibraryRecordDoc> {
  const push = { ...(update.$push as object | undefined), auditOutbox: { $each: audit } };
  const after = await LibraryRecordModel.findOneAndUpdate(
    { _id: record._id, updatedAt: record.updatedAt, state: 'visible' },
    { ...update, $push: push },
    { returnDocument: 'after' },
  ).lean();
  if (!after)
    throw new ConflictError('The record changed meanwhile: read it again.', { reason: 'state_conflict' });
  await flushAuditOutbox(LibraryRecordModel as never, record._id);
  delete (after as { auditOutbox?: unknown }).auditOutbox;
  return after as LibraryRecordDoc;
}

/** The search tokens of the record's original text. */
function tokensOf(record: Record<string, unknown>): string[] {
  return indexTokens(LIBRARY_KIND.searchTexts(record as never), contentLanguageOf(record.language) ?? null)
    .tokens;
}

/** Edits a draft (or a record awaiting approval, which goes back to draft: its approvals start again). */
export async function updateLibraryRecord(
  actor: Actor,
  id: string,
  input: z.infer<typeof LibraryRecordUpdate>,
): Promise<PresentedLibraryRecord> {
  const { ctx, record } = await loadFor(actor, id);
  requireEditable(ctx, record);
  const set: Record<string, unknown> = { ...input, stage: 'draft', approvals: [] };
  if (input.summary !== undefined) set.body = input.summary;
  const merged = { ...record, ...set };
  set.tokens = tokensOf(merged);
  const after = await writeIfUnchanged(record, { $set: set }, [
    auditOutboxItem(
      actor,
      'library.edited',
      { type: 'LibraryRecord', id, label: (merged.label as string | undefined) ?? record.label },
      {
        fields: Object.keys(input),
        ...(input.label && input.label !== record.label ? { from: record.label, to: input.label } : {}),
      },
    ),
  ]);
  emitLibraryEvent({ type: 'updated', before: record, after });
  return presentLibraryRecord(ctx, after);
}

/** Adds (or replaces) a translation, marked human or machine. */
export async function translateLibraryRecord(
  actor: Actor,
  id: string,
  input: z.infer<typeof LibraryTranslationInput>,
): Promise<PresentedLibraryRecord> {
  const { ctx, record } = await loadFor(actor, id);
  const editorOfPublished = record.stage === 'published' && isLibraryEditor(ctx);
  if (!editorOfPublished) requireEditable(ctx, record);
  if (input.language === record.language)
    throw new ConflictError('A translation is into another language than the original.', {
      reason: 'same_language',
    });
  const translation = { ...storedText(input), language: input.language, origin: input.origin };
  const translations = [...record.translations.filter((t) => t.language !== input.language), translation];
  // A new text in review is checked and approved again; a published record's stays published, and
  // the checks below keep personal data out of it.
  const reset = record.stage === 'published' ? {} : { stage: 'draft', approvals: [] };
  if (record.stage === 'published') {
    const blocking = blockingOf(record, await findingsOf({ ...record, translations } as LibraryRecordDoc));
    if (blocking.length) throw findingsRemain(blocking);
  }
  const after = await writeIfUnchanged(record, { $set: { translations, ...reset } }, [
    auditOutboxItem(
      actor,
      'library.translated',
      { type: 'LibraryRecord', id, label: record.label },
      {
        language: input.language,
        origin: input.origin,
      },
    ),
  ]);
  emitLibraryEvent({ type: 'updated', before: record, after });
  return presentLibraryRecord(ctx, after);
}

function findingsRemain(findings: { kind: string; field: string; text: string }[]): InvalidError {
  return new InvalidError(
    `The checks still find ${findings.length} item(s) to remove (names, places, e-mail addresses or telephone numbers).`,
    findings.map((f) => ({ path: f.field, message: `${f.kind}: ${f.text}` })),
    { reason: 'findings_remain', params: { count: findings.length } },
  );
}

/** The people who approve: the source city's focal points, and the library editors. */
async function approverIds(record: LibraryRecordDoc): Promise<string[]> {
  const [city, editors] = await Promise.all([
    record.source?.cityId ? CityModel.findById(record.source.cityId, { focalPointIds: 1 }).lean() : null,
    PersonModel.find({ status: 'active', roles: { $in: ['admin', 'moderator'] } }, { _id: 1 }).lean(),
  ]);
  return [...(city?.focalPointIds ?? []).map(String), ...editors.map((e) => String(e._id))];
}

/** Submits a draft for its approvals, the checklist confirmed and nothing found that stops it. */
export async function submitLibraryRecord(
  actor: Actor,
  id: string,
  input: z.infer<typeof LibraryReviewInput>,
): Promise<PresentedLibraryRecord> {
  const { ctx, record } = await loadFor(actor, id);
  requireEditable(ctx, record);
  if (record.stage !== 'draft')
    throw new ConflictError('The record is already awaiting its approvals.', { reason: 'state_conflict' });
  const blocking = blockingOf(record, await findingsOf(record));
  if (blocking.length) throw findingsRemain(blocking);
  const after = await writeIfUnchanged(record, { $set: { stage: 'in_review' } }, [
    auditOutboxItem(
      actor,
      'library.submitted',
      { type: 'LibraryRecord', id, label: record.label },
      {
        checklist: input.checklist,
        ...(input.note ? { note: input.note } : {}),
      },
    ),
  ]);
  emitLibraryEvent({ type: 'submitted', before: record, after });
  const byId = actor.kind === 'person' ? actor.id : null;
  await notify(
    (await approverIds(after)).filter((p) => p !== byId),
    after,
    'library.review_requested',
    null,
    'LibraryRecord',
  );
  return presentLibraryRecord(ctx, after);
}

/** Approves a record awaiting approval in the role the reader holds; the last approval publishes it. */
export async function approveLibraryRecord(
  actor: Actor,
  id: string,
  input: z.infer<typeof LibraryReviewInput>,
): Promise<PresentedLibraryRecord> {
  const { ctx, record } = await loadFor(actor, id);
  if (record.stage !== 'in_review')
    throw new ConflictError('Only a record awaiting its approvals is approved.', {
      reason: 'state_conflict',
      params: { state: record.stage },
    });
  const approvals = record.approvals.map((a) => ({ as: a.as, byId: a.byId }));
  const role = approvalRoleOf(ctx, { sourceCityId: record.source?.cityId ?? null, approvals });
  if (!role || actor.kind !== 'person')
    throw new ForbiddenError(
      "This record needs the approval of its source city's focal point and a library editor, each once; yours is not one of those still missing.",
      { reason: 'approval_not_yours' },
    );
  const blocking = blockingOf(record, await findingsOf(record));
  if (blocking.length) throw findingsRemain(blocking);
  const approval = { as: role, byId: actor.id, at: new Date(), note: input.note ?? null };
  const complete = missingApprovals(record.source?.cityId ?? null, [...approvals, approval]).length === 0;
  const publish = complete
    ? {
        spaceId: (await librarySpace())._id,
        spaceHubId: null,
        audienceIds: [],
        stage: 'published',
        published: mayStayPublished(record.label),
        publishedAt: new Date(),
      }
    : {};
  const target = { type: 'LibraryRecord', id, label: record.label };
  // The approval (and the publication it completes) is stored with its entries.
  const after = await writeIfUnchanged(record, { $push: { approvals: approval }, $set: publish }, [
    auditOutboxItem(actor, 'library.approved', target, {
      as: role,
      checklist: input.checklist,
      ...(input.note ? { note: input.note } : {}),
    }),
    ...(complete
      ? [auditOutboxItem(actor, 'library.published', target, { public: mayStayPublished(record.label) })]
      : []),
  ]);
  emitLibraryEvent({ type: 'approved', before: record, after });
  if (complete) {
    emitLibraryEvent({ type: 'published', before: record, after });
    await notify([String(after.authorId)], after, 'library.published', null, 'LibraryRecord');
  }
  return presentLibraryRecord(await loadSharingContext(actor), after);
}

/** An editor marks a published record peer-reviewed. */
export async function peerReviewLibraryRecord(actor: Actor, id: string): Promise<PresentedLibraryRecord> {
  const { ctx, record } = await loadFor(actor, id);
  if (!isLibraryEditor(ctx)) throw new ForbiddenError('Only a library editor marks a record peer-reviewed.');
  if (record.stage !== 'published' || record.status === 'peer_reviewed')
    throw new ConflictError('Only a published record not yet peer-reviewed is marked so.', {
      reason: 'state_conflict',
    });
  const after = await writeIfUnchanged(record, { $set: { status: 'peer_reviewed' } }, [
    auditOutboxItem(actor, 'library.peer_reviewed', { type: 'LibraryRecord', id, label: record.label }),
  ]);
  emitLibraryEvent({ type: 'updated', before: record, after });
  return presentLibraryRecord(ctx, after);
}
