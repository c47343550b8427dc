/**
 * The member's home over REST: GET /api/v1/home (hubs, spaces with unread counts and mentions, unread
 * mentions, the areas the person may open) and GET /api/v1/home/rooms/{id}/unread (one room's count,
 * asked when it had activity). Every count is the server's: it counts only what the reader may read.
 */
import type { z } from 'zod';
import type { HomeMention, HomeRoomUnread, HomeSpace, HomeSummary } from '../../../../shared/schemas/home.js';
import { apiGet } from '../../api.js';

/** The home summary as the API answers. */
export type HomeSummaryView = z.infer<typeof HomeSummary>;

/** A space of the summary. */
export type HomeSpaceView = z.infer<typeof HomeSpace>;

/** A mention of the summary. */
export type HomeMentionView = z.infer<typeof HomeMention>;

/** Reads the home summary (throws ApiError). */
export function fetchHomeSummary(signal: AbortSignal): Promise<HomeSummaryView> {
  return apiGet<HomeSummaryView>('/home', signal);
}

/** Reads one room's unread count (throws ApiError; 404 when the person no longer takes part). */
export function fetchRoomUnread(roomId: string): Promise<z.infer<typeof HomeRoomUnread>> {
  return apiGet<z.infer<typeof HomeRoomUnread>>(`/home/rooms/${encodeURIComponent(roomId)}/unread`);
}

/** The groups of the sidebar, in order: the network, the hubs, other rooms, direct conversations. */
export const SPACE_GROUPS = ['network', 'hubs', 'rooms', 'direct'] as const;

/** One of {@link SPACE_GROUPS}. */
export type SpaceGroup = (typeof SPACE_GROUPS)[number];

/** The group a space's kind falls in. */
export function spaceGroupOf(kind: string): SpaceGroup {
  if (kind === 'network') return 'network';
  if (kind === 'hub') return 'hubs';
  if (kind === 'direct') return 'direct';
  return 'rooms';
}

/** The total of unread messages and mentions over the spaces (capped counts count as themselves). */
export function totals(spaces: readonly HomeSpaceView[]): { unread: number; mentions: number } {
  return spaces.reduce(
    (sum, space) => ({ unread: sum.unread + space.unread, mentions: sum.mentions + space.mentions }),
    { unread: 0, mentions: 0 },
  );
}

/** The space list with one room's count replaced. */
export function withRoomUnread(
  summary: HomeSummaryView,
  roomId: string,
  count: { unread: number; unreadCapped: boolean },
): HomeSummaryView {
  return {
    ...summary,
    spaces: summary.spaces.map((space) => (space.id === roomId ? { ...space, ...count } : space)),
  };
}
