/**
 * The forum pages' live connection: one Socket.IO client per tab (the session cookie authenticates
 * it; the server checks the Origin), opened when a page first listens and kept while any listens
 * (and briefly after).
 * The server delivers `post:*` events only for posts the person may read now (shared/events.ts).
 */
import { io, type Socket } from 'socket.io-client';
import { useEffect, useRef } from 'react';
import type { ClientToServerEvents, PostDelivery, ServerToClientEvents } from '../../../../shared/events.js';

type ForumSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: ForumSocket | null = null;
let listeners = 0;
let closing: ReturnType<typeof setTimeout> | null = null;

/**
 * How long the connection outlives its last listener: moving between forum pages reuses it instead of
 * closing a handshake half-way (costly on slow mobile networks) and opening another.
 */
const LINGER_MS = 15_000;

/** What a page does when a post it may show appears, changes or must leave the screen. */
export interface PostHandlers {
  created?: (post: PostDelivery) => void;
  updated?: (post: PostDelivery) => void;
  removed?: (id: string) => void;
  /** The connection came back after a loss: the page should catch up over REST. */
  reconnected?: () => void;
}

function acquire(): ForumSocket {
  if (closing) clearTimeout(closing);
  closing = null;
  socket ??= io({ withCredentials: true, transports: ['websocket', 'polling'] });
  listeners += 1;
  return socket;
}

function release(): void {
  listeners -= 1;
  if (listeners > 0) return;
  closing = setTimeout(() => {
    closing = null;
    if (listeners === 0 && socket) {
      socket.disconnect();
      socket = null;
    }
  }, LINGER_MS);
}

/** Listens to post events while the calling component is mounted; the latest handlers are used. */
export function usePostEvents(handlers: PostHandlers, enabled = true): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return undefined;
    const live = acquire();
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
      release();
    };
  }, [enabled]);
}
