/**
 * The originator's access log (SHARING.md, "Files" and "The audit log"): who viewed, downloaded or
 * was delivered my own AMBER+STRICT and RED posts, room messages and documents, newest first, a page at a time.
 * My items are those the policy lets me `readAudit` that I wrote (the authorizer's rule, in the
 * query); my own accesses are left out. People are named as the directory names them now: an erased
 * person is a former member (name null).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel, type ContentType } from '../../../shared/policy/content.js';
import { ACCESS_AUDITED, type Label } from '../../../shared/policy/labels.js';
import type { AccessLogEntry, AccessLogQuery } from '../../../shared/schemas/myData.js';
import { AuditEntryModel, type AuditEntryDoc } from '../../models/AuditEntry.js';
import { findContentPage } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { readPage } from '../../db/pagination.js';
import { UnauthenticatedError } from '../../errors.js';
import { activeNamesById } from '../lookups.js';

type Entry = z.infer<typeof AccessLogEntry>;

/** The audit actions that record an access, and how the log names them. */
const ACCESSES = {
  'content.viewed': 'viewed',
  'content.downloaded': 'downloaded',
  'content.delivered': 'delivered',
} as const;

/** The most items of each type whose accesses are looked up (the newest). */
const MAX_ITEMS = 2000;

/** My access-audited items of one type, newest first, by id with their current label and space. */
async function myAuditedItems(
  actor: Actor & { kind: 'person' },
  type: ContentType,
): Promise<Map<string, { label: Label; spaceId: string }>> {
  const ctx = await loadSharingContext(actor);
  const items = new Map<string, { label: Label; spaceId: string }>();
  let cursor: string | undefined;
  while (items.size < MAX_ITEMS) {
    const page = await findContentPage(ctx, {
      type,
      action: 'readAudit',
      filters: [{ authorId: actor.id }, { label: { $in: ACCESS_AUDITED } }],
      sortField: '_id',
      direction: 'desc',
      limit: 100,
      cursor,
    });
    for (const item of page.items)
      items.set(String(item._id), { label: asLabel(item.label), spaceId: String(item.spaceId) });
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

/** The people an access entry names, without the originator. */
function peopleOf(entry: AuditEntryDoc, me: string): string[] {
  const actor = entry.actor as { kind?: string; id?: string };
  const recipients = (entry.details as { recipients?: unknown } | null)?.recipients;
  const ids = Array.isArray(recipients)
    ? recipients.map(String)
    : actor.kind === 'person' && actor.id
      ? [actor.id]
      : [];
  return [...new Set(ids)].filter((id) => id !== me && /^[a-f0-9]{24}$/.test(id));
}

/** One page of the access log of the actor's own sensitive material. */
export async function listAccessLog(
  actor: Actor,
  query: z.infer<typeof AccessLogQuery>,
): Promise<{ items: Entry[]; nextCursor: string | null }> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const [posts, messages, documents, requests, records] = await Promise.all([
    myAuditedItems(actor, 'Post'),
    myAuditedItems(actor, 'Message'),
    myAuditedItems(actor, 'Document'),
    myAuditedItems(actor, 'ExpertRequest'),
    myAuditedItems(actor, 'LibraryRecord'),
  ]);
  const mineOf = {
    Post: posts,
    Message: messages,
    Document: documents,
    ExpertRequest: requests,
    LibraryRecord: records,
  };
  const itemFilter = (type: ContentType, ids: string[]) => ({
    'target.type': type,
    'target.id': { $in: ids },
  });
  const stored = await readPage<AuditEntryDoc>(AuditEntryModel as never, {
    filters: [
      { action: { $in: Object.keys(ACCESSES) } },
      {
        $or: [
          itemFilter('Post', [...posts.keys()]),
          itemFilter('Message', [...messages.keys()]),
          itemFilter('Document', [...documents.keys()]),
          itemFilter('ExpertRequest', [...requests.keys()]),
          itemFilter('LibraryRecord', [...records.keys()]),
        ],
      },
      // My own views are no news to me (deliveries name their recipients and are filtered below).
      { 'actor.id': { $ne: actor.id } },
    ],
    sortField: 'seq',
    direction: 'desc',
    limit: query.limit,
    cursor: query.cursor,
  });
  const names = await activeNamesById(stored.items.flatMap((e) => peopleOf(e, actor.id)));
  const items: Entry[] = [];
  for (const entry of stored.items) {
    const people = peopleOf(entry, actor.id);
    if (people.length === 0) continue;
    const target = entry.target as { type: ContentType; id: string };
    const mine = mineOf[target.type].get(target.id);
    items.push({
      seq: entry.seq,
      at: entry.at.toISOString(),
      action: ACCESSES[entry.action as keyof typeof ACCESSES],
      channel: String((entry.details as { channel?: unknown } | null)?.channel ?? '') || null,
      item: {
        type: target.type,
        id: target.id,
        label: mine?.label ?? 'RED',
        room: target.type === 'Message' ? (mine?.spaceId ?? null) : null,
      },
      people: people.map((id) => ({ id, name: names.get(id) ?? null })),
    });
  }
  return { items, nextCursor: stored.nextCursor };
}
