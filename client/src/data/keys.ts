/** The cache's query keys, in one place so that readers and socket updates name the same entries. */

/** Every query key of the app. */
export const queryKeys = {
  /** A plain GET of `path` below /api/v1 (useApiGet). */
  api: (path: string) => ['api', path] as const,
  /** The regional hubs (all pages). */
  hubs: () => ['hubs'] as const,
  /** The signed-in person's rooms (GET /rooms). */
  myRooms: () => ['rooms', 'mine'] as const,
  /** One room's live state: messages, threads, presence, typing, read markers (socket-fed). */
  room: (roomId: string) => ['rooms', 'room', roomId] as const,
  /** Everything of the notification bell. */
  notifications: () => ['notifications'] as const,
  /** The bell's list of recent notifications. */
  notificationList: () => ['notifications', 'list'] as const,
  /** The unread count. */
  unreadCount: () => ['notifications', 'unread'] as const,
  /** The first page of search results for a query (q, language, types). */
  search: (q: string, language: string, types: string) => ['search', q, language, types] as const,
  /** A forum read (space, category, topic list, revisions...), named by its page. */
  forum: (...parts: string[]) => ['forums', ...parts] as const,
};
