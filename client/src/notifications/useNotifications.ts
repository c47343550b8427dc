/**
 * The bell's data in the shared cache: the recent list and the unread count are read over REST once the
 * socket is accepted (a valid session) and again after every reconnection, and no more once the socket
 * is closed (the session ended); `notification:created` patches both in the cache (and reads them again
 * if a read was under way, whose answer could be older than the notification); marking as read
 * updates the cache at once and then tells the server (and the workspace's mentions, which are unread
 * notifications, are read again).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { NotificationDelivery } from '../../../shared/events.js';
import { queryKeys } from '../data/keys.js';
import { HOME_KEY } from '../pages/home/homeKey.js';
import { getSocket, onSocketClosed } from '../realtime/socket.js';
import {
  fetchNotifications,
  fetchUnreadCount,
  fromDelivery,
  markAllNotificationsRead,
  markNotificationRead,
  type BellItem,
} from './notificationsApi.js';

/** The unread count as the server gives it (`capped` past its counting limit). */
export interface UnreadCount {
  count: number;
  capped: boolean;
}

/** What the bell shows and can do. */
export interface NotificationsModel {
  items: BellItem[];
  unread: UnreadCount;
  failed: boolean;
  /** Marks every notification shown as read. */
  markAll: () => void;
  /** Marks one as read (it was followed). */
  markOne: (item: BellItem) => void;
}

const NONE: UnreadCount = { count: 0, capped: false };

/** Follows the signed-in person's notifications; `onArrived` is called for each live one. */
export function useNotifications(onArrived: () => void): NotificationsModel {
  const queryClient = useQueryClient();
  const [accepted, setAccepted] = useState(() => getSocket().connected);
  const [markFailed, setMarkFailed] = useState(false);
  const list = useQuery({
    queryKey: queryKeys.notificationList(),
    queryFn: ({ signal }) => fetchNotifications(signal),
    enabled: accepted,
  });
  const unread = useQuery({
    queryKey: queryKeys.unreadCount(),
    queryFn: ({ signal }) => fetchUnreadCount(signal),
    enabled: accepted,
  });

  useEffect(() => {
    const socket = getSocket();
    const onConnect = () => {
      if (!socket.connected) return; // disconnected at once: this tab is signing out
      setAccepted(true);
      setMarkFailed(false);
      void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
    };
    const onCreated = (notification: NotificationDelivery) => {
      // A read under way may have been answered before this notification was stored: its answer
      // would overwrite the patch below, so it is read again (the running read is cancelled).
      const stale = queryClient.isFetching({ queryKey: queryKeys.notifications() }) > 0;
      queryClient.setQueryData<BellItem[]>(queryKeys.notificationList(), (items = []) => [
        fromDelivery(notification),
        ...items.filter((n) => n.id !== notification.id),
      ]);
      queryClient.setQueryData<UnreadCount>(queryKeys.unreadCount(), (live = NONE) => ({
        ...live,
        count: live.count + 1,
      }));
      if (stale) void queryClient.invalidateQueries({ queryKey: queryKeys.notifications() });
      // A notification may be about a room's new messages: the rooms list reads its unread counts again.
      void queryClient.invalidateQueries({ queryKey: queryKeys.myRooms() });
      onArrived();
    };
    socket.on('notification:created', onCreated);
    socket.on('connect', onConnect);
    // The socket may have connected between the first render and now (its 'connect' was missed).
    setAccepted(socket.connected);
    // The session ended: no more reads (a cache reset must not read the bell again while it is shown).
    const offClosed = onSocketClosed(() => setAccepted(false));
    return () => {
      socket.off('notification:created', onCreated);
      socket.off('connect', onConnect);
      offClosed();
    };
  }, [queryClient, onArrived]);

  const items = list.data ?? [];
  const markAll = useCallback(() => {
    const newest = queryClient.getQueryData<BellItem[]>(queryKeys.notificationList())?.[0];
    if (!newest) return;
    queryClient.setQueryData<BellItem[]>(queryKeys.notificationList(), (all) =>
      all?.map((item) => ({ ...item, read: true })),
    );
    queryClient.setQueryData<UnreadCount>(queryKeys.unreadCount(), NONE);
    // The workspace's mentions are unread notifications: read again once the server has them read.
    markAllNotificationsRead(newest.id).then(
      () => queryClient.invalidateQueries({ queryKey: HOME_KEY }),
      () => setMarkFailed(true),
    );
  }, [queryClient]);
  const markOne = useCallback(
    (item: BellItem) => {
      if (item.read) return;
      queryClient.setQueryData<BellItem[]>(queryKeys.notificationList(), (all) =>
        all?.map((n) => (n.id === item.id ? { ...n, read: true } : n)),
      );
      queryClient.setQueryData<UnreadCount>(queryKeys.unreadCount(), (live = NONE) => ({
        ...live,
        count: Math.max(0, live.count - 1),
      }));
      markNotificationRead(item.id).then(
        () => queryClient.invalidateQueries({ queryKey: HOME_KEY }),
        () => setMarkFailed(true),
      );
    },
    [queryClient],
  );
  return {
    items,
    unread: unread.data ?? NONE,
    failed: markFailed || list.isError || unread.isError,
    markAll,
    markOne,
  };
}
