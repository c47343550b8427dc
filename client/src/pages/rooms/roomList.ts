/**
 * Reading "my rooms": GET /api/v1/rooms, read defensively (only the fields the list shows), and
 * grouped by kind in the order the page shows them.
 */
import { ApiError, apiGet } from '../../api.js';

/** A room as the list shows it. */
export interface RoomListItem {
  id: string;
  /** The room's slug; a direct conversation's names the pair (`dm-<id>-<id>`). */
  slug: string;
  name: string;
  kind: string;
  ceiling: string;
  chathamHouse: boolean;
  /** Unread messages, when the server tells. */
  unread: number | null;
}

/** The groups of the list, in order; other kinds go last. */
export const ROOM_GROUPS = ['hub', 'peer_room', 'committee', 'direct', 'other'] as const;

/** One of {@link ROOM_GROUPS}. */
export type RoomGroup = (typeof ROOM_GROUPS)[number];

function asItem(value: unknown): RoomListItem | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || typeof v.name !== 'string' || typeof v.kind !== 'string') return null;
  return {
    id: v.id,
    slug: typeof v.slug === 'string' ? v.slug : '',
    name: v.name,
    kind: v.kind,
    ceiling: typeof v.ceiling === 'string' ? v.ceiling : 'RED',
    chathamHouse: v.chathamHouse === true,
    unread: typeof v.unread === 'number' ? v.unread : null,
  };
}

/** The group a room's kind falls in. */
export function groupOf(kind: string): RoomGroup {
  return (ROOM_GROUPS as readonly string[]).includes(kind) ? (kind as RoomGroup) : 'other';
}

/** Reads the signed-in person's rooms (throws {@link ApiError}). */
export async function fetchMyRooms(signal: AbortSignal): Promise<RoomListItem[]> {
  const body = await apiGet<unknown>('/rooms?limit=100', signal);
  const items = Array.isArray(body) ? body : (body as { items?: unknown }).items;
  if (!Array.isArray(items))
    throw new ApiError(200, { type: 'about:blank', title: 'Unreadable', status: 200 });
  return items.map(asItem).filter((item): item is RoomListItem => item !== null);
}
