/**
 * Reading the audit log (never writing it: entries are appended by recordAudit.ts only). The
 * services decide who may read which entries and pass that decision as filters; this file only pages
 * through the chain, newest first, and finds which items some entries name.
 */
import { AuditEntryModel, type AuditEntryDoc } from '../models/AuditEntry.js';
import { readPage, type StoredPage } from '../db/pagination.js';

/** One page of entries matching every filter, newest first. */
export function readAuditPage(
  filters: Record<string, unknown>[],
  page: { limit: number; cursor: string | undefined },
): Promise<StoredPage<AuditEntryDoc>> {
  return readPage<AuditEntryDoc>(AuditEntryModel as never, {
    filters,
    sortField: 'seq',
    limit: page.limit,
    cursor: page.cursor,
    direction: 'desc',
  });
}

/** The distinct ids of the items of `type` named by the entries matching `filters`. */
export async function auditedItemIds(type: string, filters: Record<string, unknown>[]): Promise<string[]> {
  const ids = await AuditEntryModel.distinct('target.id', {
    $and: [{ 'target.type': type }, ...filters],
  } as never);
  return ids.filter((id): id is string => typeof id === 'string' && /^[a-f0-9]{24}$/.test(id));
}
