/**
 * Where notifications find their items, one source per labelled content type, each reading through
 * server/policy/contentAccess.ts (the only road to content). A source returns only the items the
 * actor may read now, so quarantined, relabelled-away and departed-from items show nothing. A type
 * without a registered source shows nothing (fail closed).
 */
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { NotifiableType } from '../../models/Notification.js';
import { findContentByIds } from '../../policy/contentAccess.js';

/** What a notification may need to know about an item the recipient may read. */
export interface NotifiableItem {
  id: string;
  spaceId: string;
  label: string;
  /** Null for types without titles (room messages). */
  title: string | null;
  body: string;
  authorId: string;
  /** True when the item is a copy of Chatham House material: it names nobody. */
  anonymous: boolean;
}

/** One content type's road to its items. */
export interface ItemSource {
  /** The items among `ids` the actor may read now. */
  readable(ctx: SharingContext, ids: string[]): Promise<NotifiableItem[]>;
  /** The in-app link (path below the client's root) of an item. */
  link(ref: { id: string; spaceId: string }): string;
}

const sources = new Map<NotifiableType, ItemSource>();

/** Registers (or replaces) the source of a content type. */
export function registerItemSource(type: NotifiableType, source: ItemSource): void {
  sources.set(type, source);
}

/** The source of a type, or null when none is registered. */
export function itemSource(type: NotifiableType): ItemSource | null {
  return sources.get(type) ?? null;
}

/** The key of an item in {@link readableItems}' map. */
export function itemKey(type: NotifiableType, id: string): string {
  return `${type}:${id}`;
}

/** The items among `refs` that the actor may read now, keyed by {@link itemKey}. One query per type. */
export async function readableItems(
  ctx: SharingContext,
  refs: { type: NotifiableType; id: string }[],
): Promise<Map<string, NotifiableItem>> {
  const byType = new Map<NotifiableType, string[]>();
  for (const ref of refs) byType.set(ref.type, [...(byType.get(ref.type) ?? []), ref.id]);
  const out = new Map<string, NotifiableItem>();
  for (const [type, ids] of byType) {
    const source = itemSource(type);
    if (!source) continue;
    for (const item of await source.readable(ctx, [...new Set(ids)])) out.set(itemKey(type, item.id), item);
  }
  return out;
}

registerItemSource('Post', {
  async readable(ctx, ids) {
    const posts = await findContentByIds(ctx, ids, 'read', 'Post');
    return posts.map((p) => ({
      id: String(p._id),
      spaceId: String(p.spaceId),
      label: p.label,
      title: p.title,
      body: p.body,
      authorId: String(p.authorId),
      anonymous: Boolean(p.forwardedFrom?.chathamHouse),
    }));
  },
  link: ({ id }) => `/posts/${id}`,
});

registerItemSource('Message', {
  async readable(ctx, ids) {
    const messages = await findContentByIds(ctx, ids, 'read', 'Message');
    return messages.map((m) => ({
      id: String(m._id),
      spaceId: String(m.spaceId),
      label: m.label,
      title: null,
      body: m.body,
      authorId: String(m.authorId),
      anonymous: false,
    }));
  },
  // A room is a space: the room page opens on the message.
  link: ({ id, spaceId }) => `/rooms/${spaceId}#message-${id}`,
});

/**
 * The source of a type whose items have a title and their own page (documents, expert requests,
 * library records): readable through the policy's filter, linked to `<path>/<id>`.
 */
function titledSource(type: 'Document' | 'ExpertRequest' | 'LibraryRecord', path: string): ItemSource {
  return {
    async readable(ctx, ids) {
      const items = await findContentByIds(ctx, ids, 'read', type);
      return items.map((item) => ({
        id: String(item._id),
        spaceId: String(item.spaceId),
        label: item.label,
        title: item.title,
        body: item.body,
        authorId: String(item.authorId),
        anonymous: false,
      }));
    },
    link: ({ id }) => `${path}/${id}`,
  };
}

registerItemSource('Document', titledSource('Document', '/documents'));
registerItemSource('ExpertRequest', titledSource('ExpertRequest', '/requests'));
registerItemSource('LibraryRecord', titledSource('LibraryRecord', '/library'));
