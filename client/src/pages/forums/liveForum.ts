/**
 * The forum pages' live events, on the tab's one Socket.IO connection (client/src/realtime/socket.ts,
 * shared with rooms and the notification bell; the session cookie authenticates it and the server
 * checks the Origin). The server delivers `post:*` events only for posts the person may read now
 * (shared/events.ts).
 */
import { useEffect, useRef } from 'react';
import type { PostDelivery } from '../../../../shared/events.js';
import { getSocket } from '../../realtime/socket.js';

/** What a page does when a post it may show appears, changes or must leave the screen. */
export interface PostHandlers {
  created?: (post: PostDelivery) => void;
  updated?: (post: PostDelivery) => void;
  removed?: (id: string) => void;
  /** The connection came back after a loss: the page should catch up over REST. */
  reconnected?: () => void;
}

/** Listens to post events while the calling component is mounted; the latest handlers are used. */
export function usePostEvents(handlers: PostHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const live = getSocket();
    let connectedOnce = live.connected;
    const created = (post: PostDelivery) => latest.current.created?.(post);
    const updated = (post: PostDelivery) => latest.current.updated?.(post);
    const removed = ({ id }: { id: string }) => latest.current.removed?.(id);
    const connected = () => {
      if (connectedOnce) latest.current.reconnected?.();
      connectedOnce = true;
    };
    live.on('post:created', created);
    live.on('post:updated', updated);
    live.on('post:removed', removed);
    live.on('connect', connected);
    return () => {
      live.off('post:created', created);
      live.off('post:updated', updated);
      live.off('post:removed', removed);
      live.off('connect', connected);
    };
  }, [enabled]);
}
