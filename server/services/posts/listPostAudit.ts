/**
 * The audit entries about one's own material (SHARING.md, "The audit log"): for the author and their
 * city's focal point. Others get "not found".
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { MaterialAuditEntry, MaterialAuditQuery } from '../../../shared/schemas/posts.js';
import { AuditEntryModel, type AuditEntryDoc } from '../../models/AuditEntry.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';
import { readPage } from '../../db/pagination.js';

type Entry = z.infer<typeof MaterialAuditEntry>;

function present(doc: AuditEntryDoc): Entry {
  const actor = (doc.actor ?? {}) as Record<string, unknown>;
  return {
    seq: doc.seq,
    at: doc.at.toISOString(),
    action: doc.action,
    actor: {
      kind: String(actor.kind ?? 'unknown'),
      id: typeof actor.id === 'string' ? actor.id : null,
      name: typeof actor.name === 'string' ? actor.name : null,
    },
    details: (doc.details as Record<string, unknown> | null) ?? null,
  };
}

/** One page of the item's audit entries, oldest first. */
export async function listPostAudit(actor: Actor, id: string, query: z.infer<typeof MaterialAuditQuery>) {
  const item = await loadContent(id);
  if (!item) throw new NotFoundError('Post');
  // The originator (author, or their city's focal point) only: the policy's `readAudit`.
  const ctx = await loadSharingContext(actor);
  await authorizeSharing(ctx, 'readAudit', 'Post', item as unknown as Record<string, unknown>, {
    hide: 'Post',
  });
  const stored = await readPage<AuditEntryDoc>(AuditEntryModel as never, {
    filters: [{ 'target.type': 'Post', 'target.id': id }],
    sortField: 'seq',
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: stored.items.map(present), nextCursor: stored.nextCursor };
}
