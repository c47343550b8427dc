/**
 * Flagged and moderated items as the moderators' console shows them, for one moderator: where the item
 * lives, its label and state, an excerpt only when the moderator may read it (no author under the
 * Chatham House Rule: the console is outside the space), and what the policy lets this moderator do.
 */
import type { z } from 'zod';
import { asLabel, type ContentType } from '../../../shared/policy/content.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { ModeratedItem } from '../../../shared/schemas/moderation.js';
import { allows } from '../../policy/authorizer.js';
import { findContentByIds, loadContentMeta, type ContentDocs } from '../../policy/contentAccess.js';
import { activeNamesById, hubSlugsById } from '../lookups.js';
import { spacesById } from '../spaces/spaceLookups.js';

type ItemView = z.infer<typeof ModeratedItem>;

/** A reference to one item of a content type. */
export interface ItemRef {
  type: ContentType;
  id: string;
}

/** The key of an item in {@link presentModeratedItems}' map. */
export function refKey(ref: ItemRef): string {
  return `${ref.type}:${ref.id}`;
}

const EXCERPT = 280;

/** Where the item lives in the client. */
function linkOf(type: ContentType, doc: { _id: unknown; spaceId: unknown } & Partial<ContentDocs['Post']>) {
  if (type === 'Message') return `/rooms/${String(doc.spaceId)}#message-${String(doc._id)}`;
  if (type === 'Document') return `/documents/${String(doc._id)}`;
  if (doc.topicId) return `/forums/topics/${String(doc.topicId)}#post-${String(doc._id)}`;
  if (doc.categoryId) return `/forums/topics/${String(doc._id)}`;
  return `/posts/${String(doc._id)}`;
}

/** What this moderator may do with the item, asked of the policy. */
export function moderationAbilities(
  ctx: SharingContext,
  type: ContentType,
  doc: Record<string, unknown> | null,
) {
  const may = (action: 'moderate' | 'quarantine' | 'delete' | 'relabel', field?: string) =>
    doc !== null && allows(ctx, action, type, doc, field);
  const state = doc?.state;
  const movable = type === 'Post' && !!doc && !doc.categoryId && !doc.topicId;
  return {
    quarantine: state === 'visible' && may('quarantine'),
    restore: state === 'quarantined' && may('moderate'),
    raise: state !== 'deleted' && may('relabel', 'raise'),
    lower: state !== 'deleted' && may('relabel', 'lower'),
    delete: state !== 'deleted' && may('delete') && may('moderate'),
    move: movable && state !== 'deleted' && may('moderate'),
  };
}

/** Presents the items named by `refs` for the moderator; items that no longer exist are left out. */
export async function presentModeratedItems(
  ctx: SharingContext,
  refs: ItemRef[],
): Promise<Map<string, ItemView>> {
  const out = new Map<string, ItemView>();
  for (const type of ['Post', 'Message', 'Document'] as const) {
    const ids = [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
    if (ids.length === 0) continue;
    const [meta, moderated, readable] = await Promise.all([
      loadContentMeta(ids, type),
      findContentByIds(ctx, ids, 'moderate', type),
      findContentByIds(ctx, ids, 'read', type),
    ]);
    const full = new Map<string, Record<string, unknown>>(
      [...moderated, ...readable].map((d) => [String(d._id), d as unknown as Record<string, unknown>]),
    );
    const readById = new Map(readable.map((d) => [String(d._id), d]));
    const [spaces, hubs, names] = await Promise.all([
      spacesById(meta.map((m) => m.spaceId)),
      hubSlugsById(meta.map((m) => m.spaceHubId)),
      activeNamesById(readable.map((d) => d.authorId)),
    ]);
    for (const m of meta) {
      const id = String(m._id);
      const space = spaces.get(String(m.spaceId));
      const chathamHouse = space?.chathamHouse ?? true;
      const doc = full.get(id) ?? null;
      const read = readById.get(id);
      const abilities = moderationAbilities(ctx, type, doc);
      let content: ItemView['content'] = null;
      if (read) {
        const body = read.body ?? '';
        const author =
          type === 'Message'
            ? ((read as ContentDocs['Message']).authorName ?? null)
            : (names.get(String(read.authorId)) ?? null);
        content = {
          title: type === 'Message' ? null : ((read as ContentDocs['Post' | 'Document']).title ?? null),
          excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body,
          author: chathamHouse ? null : author,
        };
      }
      out.set(refKey({ type, id }), {
        type,
        id,
        space: { slug: space?.slug ?? 'unknown', name: space?.name ?? 'unknown', chathamHouse },
        hub: m.spaceHubId ? (hubs.get(String(m.spaceHubId)) ?? null) : null,
        label: asLabel(m.label),
        state: m.state,
        link: linkOf(type, (doc ?? m) as never),
        movable: type === 'Post' && !!doc && !doc.categoryId && !doc.topicId,
        content,
        abilities,
      });
    }
  }
  return out;
}
