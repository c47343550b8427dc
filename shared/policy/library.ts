/**
 * The rules of the good-practice library (issue #14) beyond those of every labelled item: who edits the
 * library (the Management Unit's editors: admins and global moderators), which approvals a record needs
 * before it is published, and whether a lesson's source demands sanitising. A record is never above
 * GREEN.
 */
import { isAbove, type Label } from './labels.js';
import type { SharingContext } from './sharingContext.js';
import { hasDerivedMembership } from './spaces.js';

/** Whether the actor is a Management Unit editor of the library. */
export function isLibraryEditor(ctx: SharingContext): boolean {
  const { actor } = ctx;
  if (actor.kind === 'operator') return true;
  return actor.kind === 'person' && (actor.roles.includes('admin') || actor.roles.includes('moderator'));
}

/**
 * The conditions on library records an editor reads and moderates wherever they are (drafts in their
 * private spaces included): every record not deleted. Global moderators have it already as moderators.
 */
export function libraryEditorForms(ctx: SharingContext): Record<string, unknown>[] {
  return isLibraryEditor(ctx) ? [{ state: { $ne: 'deleted' } }] : [];
}

/**
 * The draft spaces a person may open for a record they write directly: a member of the community,
 * bound to their own city (none for the Management Unit). Conditions on the candidate Space document.
 */
export function libraryDraftForms(ctx: SharingContext): Record<string, unknown>[] {
  const { actor } = ctx;
  if (actor.kind !== 'person' || !hasDerivedMembership(actor.roles)) return [];
  // A person of a city that is not a member now (ctx.cityId is then null) writes nothing.
  if (actor.cityId && !ctx.cityId) return [];
  return [{ kind: 'library_draft', cityId: ctx.cityId }];
}

/** The refusal of a label a library record may not carry, or null. */
export function libraryLabelRefusal(label: Label): string | null {
  return isAbove(label, 'GREEN')
    ? `A library record is GREEN (for the network) or CLEAR (public); ${label} material stays in its room.`
    : null;
}

/** Whether a lesson drafted from `source` must lose names, cities and personal data. */
export function mustSanitise(source: { label: Label; chathamHouse: boolean }): boolean {
  return source.chathamHouse || isAbove(source.label, 'GREEN');
}

/** An approval's role. */
export type ApprovalRole = 'focal_point' | 'editor';

/**
 * The approvals a record still lacks: the source city's focal point and an editor, or two editors when
 * it has no source city; each by a different person.
 */
export function missingApprovals(
  sourceCityId: unknown,
  approvals: readonly { as: ApprovalRole; byId: unknown }[],
): ApprovalRole[] {
  const needed: ApprovalRole[] = sourceCityId ? ['focal_point', 'editor'] : ['editor', 'editor'];
  const given = approvals.map((a) => a.as);
  for (const role of given) {
    const i = needed.indexOf(role);
    if (i >= 0) needed.splice(i, 1);
  }
  return needed;
}

/**
 * The role in which `ctx`'s person may approve now, or null: a focal point of the source city, or an
 * editor, for a role still missing, and never twice by the same person.
 */
export function approvalRoleOf(
  ctx: SharingContext,
  record: { sourceCityId: unknown; approvals: readonly { as: ApprovalRole; byId: unknown }[] },
): ApprovalRole | null {
  const { actor } = ctx;
  if (actor.kind !== 'person') return null;
  if (record.approvals.some((a) => String(a.byId) === actor.id)) return null;
  const missing = missingApprovals(record.sourceCityId, record.approvals);
  const focal =
    actor.roles.includes('focal_point') &&
    !!record.sourceCityId &&
    String(record.sourceCityId) === actor.cityId;
  if (focal && missing.includes('focal_point')) return 'focal_point';
  if (isLibraryEditor(ctx) && missing.includes('editor')) return 'editor';
  return null;
}
