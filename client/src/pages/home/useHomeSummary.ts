/**
 * The member's home summary in the shared cache, kept live over the tab's one socket: a new
 * notification (a mention, a reply) or a reconnection reads the summary again; the person's own read
 * marker moving in a room (`read:updated`) clears that room's count at once; activity in a room
 * (`room:activity`, sent only to people who may read the new message) asks the server for that room's
 * count again. Counts always come from the server, which counts only what the reader may read.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApiQuery, type Loadable } from '../../data/useApiQuery.js';
import { getSocket } from '../../realtime/socket.js';
import { fetchHomeSummary, fetchRoomUnread, withRoomUnread, type HomeSummaryView } from './homeApi.js';
import { HOME_KEY } from './homeKey.js';

/** How long to gather live signals before reading the summary again. */
const REFRESH_DELAY_MS = 400;

/** The room open on the page, if any (its page marks what is read: no count to fetch for it). */
function openRoomId(): string | null {
  return /^\/rooms\/([A-Za-z0-9_-]{1,64})$/.exec(window.location.pathname)?.[1] ?? null;
}

/** The summary, read through the cache (pages that only show it). */
export function useHomeSummary(): Loadable<HomeSummaryView> & { retry: () => void } {
  return useApiQuery(HOME_KEY, fetchHomeSummary);
}

/** The summary, kept live for the signed-in person `me` (mount once: the workspace sidebar). */
export function useLiveHomeSummary(me: string): Loadable<HomeSummaryView> & { retry: () => void } {
  const queryClient = useQueryClient();
  const summary = useHomeSummary();

  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let connectedBefore = socket.connected;
    const refresh = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: HOME_KEY });
      }, REFRESH_DELAY_MS);
    };
    const setCount = (roomId: string, count: { unread: number; unreadCapped: boolean }) =>
      queryClient.setQueryData<HomeSummaryView>(HOME_KEY, (cached) =>
        cached ? withRoomUnread(cached, roomId, count) : cached,
      );
    const onConnect = () => {
      // The first connection adds nothing to the first read; a reconnection may have missed signals.
      if (connectedBefore) refresh();
      connectedBefore = true;
    };
    const onRead = ({ roomId, personId }: { roomId: string; personId: string }) => {
      if (personId === me) setCount(roomId, { unread: 0, unreadCapped: false });
    };
    const onActivity = ({ roomId }: { roomId: string }) => {
      if (roomId === openRoomId()) return;
      fetchRoomUnread(roomId).then(
        (count) => setCount(roomId, count),
        () => refresh(), // gone from my rooms (or the link failed): read everything again
      );
    };
    socket.on('connect', onConnect);
    socket.on('notification:created', refresh);
    socket.on('read:updated', onRead);
    socket.on('room:activity', onActivity);
    return () => {
      if (timer) clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('notification:created', refresh);
      socket.off('read:updated', onRead);
      socket.off('room:activity', onActivity);
    };
  }, [queryClient, me]);

  return summary;
}
