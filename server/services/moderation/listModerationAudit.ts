/**
 * The moderators' view of the audit log (SHARING.md, "The audit log"; DOMAIN.md: moderators need the
 * audit trail): the moderation record of the items they moderate, searchable by person (who acted),
 * item and action. Reading settled here: a moderator sees the moderation entries (flags,
 * quarantines, restores, relabels, moves, deletions, publications, onward shares, dismissals) about
 * items the policy lets them moderate, or whose flags they may read (a deleted item's record stays in
 * its hub's view); never sign-ins, administration, access records (those are the originator's) or
 * refusals. The policy's decision is taken on the items, and the entries are read with it as a filter.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { CONTENT_TYPES, type ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ModerationAuditEntry, ModerationAuditQuery } from '../../../shared/schemas/moderation.js';
import { auditedItemIds, readAuditPage } from '../../audit/readAuditEntries.js';
import type { AuditEntryDoc } from '../../models/AuditEntry.js';
import { allows } from '../../policy/authorizer.js';
import { loadContentMeta } from '../../policy/contentAccess.js';
import { moderatorContext } from './queueScope.js';
import { MODERATION_AUDIT_ACTIONS } from '../../../shared/moderationAuditActions.js';

/** The actions of the moderation record (shared with the client's audit page). */
export { MODERATION_AUDIT_ACTIONS };

type Entry = z.infer<typeof ModerationAuditEntry>;

/** Whether the moderator's record covers the item (its policy fields only). */
export function moderatorCovers(
  ctx: SharingContext,
  type: ContentType,
  meta: { _id: unknown; spaceHubId?: unknown; state: string },
): boolean {
  const subject = meta as unknown as Record<string, unknown>;
  return (
    allows(ctx, 'moderate', type, subject) ||
    allows(ctx, 'read', 'Flag', { _id: null, spaceHubId: meta.spaceHubId ? String(meta.spaceHubId) : null })
  );
}

function present(doc: AuditEntryDoc): Entry {
  const actor = (doc.actor ?? {}) as Record<string, unknown>;
  const target = (doc.target ?? {}) as Record<string, unknown>;
  return {
    seq: doc.seq,
    at: doc.at.toISOString(),
    action: doc.action,
    actor: {
      kind: String(actor.kind ?? 'unknown'),
      id: typeof actor.id === 'string' ? actor.id : null,
      name: typeof actor.name === 'string' ? actor.name : null,
    },
    target: {
      type: String(target.type ?? 'unknown'),
      id: typeof target.id === 'string' ? target.id : null,
      label: typeof target.label === 'string' ? target.label : null,
    },
    details: (doc.details as Record<string, unknown> | null) ?? null,
  };
}

/** The entry filters the search asks for (within the moderation actions). */
function searchFilters(query: z.infer<typeof ModerationAuditQuery>): Record<string, unknown>[] {
  const filters: Record<string, unknown>[] = [{ action: { $in: [...MODERATION_AUDIT_ACTIONS] } }];
  if (query.action) filters.push({ action: query.action });
  if (query.person) filters.push({ 'actor.id': query.person });
  if (query.item) filters.push({ 'target.id': query.item });
  return filters;
}

/** The ids, per type, of the items named by matching entries that the moderator's record covers. */
async function coveredItems(ctx: SharingContext, filters: Record<string, unknown>[]) {
  const covered: Record<string, unknown>[] = [];
  for (const type of CONTENT_TYPES) {
    const candidates = await auditedItemIds(type, filters);
    const meta = await loadContentMeta(candidates, type);
    const ids = meta.filter((m) => moderatorCovers(ctx, type, m)).map((m) => String(m._id));
    if (ids.length > 0) covered.push({ 'target.type': type, 'target.id': { $in: ids } });
  }
  return covered;
}

/** One page of the moderator's audit view, newest first. */
export async function listModerationAudit(actor: Actor, query: z.infer<typeof ModerationAuditQuery>) {
  const ctx = await moderatorContext(actor);
  const filters = searchFilters(query);
  const covered = await coveredItems(ctx, filters);
  if (covered.length === 0) return { items: [], nextCursor: null };
  const page = await readAuditPage([...filters, { $or: covered }], {
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}
