/**
 * Load by id for a per-item decision, for every content type: the item when the actor may read it,
 * moderate it, or wrote it; otherwise "not found" (the refusal is recorded), so hidden material does
 * not reveal that it exists. A deleted item is found by its author only (its tombstone tells them what
 * happened).
 */
import type { ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { allows } from '../../policy/authorizer.js';
import { loadContent, type ContentDocs } from '../../policy/contentAccess.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { NotFoundError } from '../../errors.js';

/** The item as the policy's subject. */
export function contentSubject(item: ContentDocs[ContentType]): Record<string, unknown> {
  return item as unknown as Record<string, unknown>;
}

/** The item with `id` of `type`, when the actor may know it exists (see the file's comment). */
export async function loadContentFor<T extends ContentType>(
  ctx: SharingContext,
  type: T,
  id: string,
): Promise<ContentDocs[T]> {
  const item = await loadContent(id, type);
  const own = !!item && ctx.actor.kind === 'person' && String(item.authorId) === ctx.actor.id;
  if (!item || item.state === 'deleted') {
    if (item && own) return item;
    throw new NotFoundError(type);
  }
  const subject = contentSubject(item);
  if (own || allows(ctx, 'read', type, subject) || allows(ctx, 'moderate', type, subject)) return item;
  await authorizeSharing(ctx, 'read', type, subject, { hide: type });
  return item;
}
