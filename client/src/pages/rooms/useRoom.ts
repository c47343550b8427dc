/**
 * Opens one room over the socket and keeps its {@link RoomState}: joins (again on every reconnect and
 * on `room:resync`, with the last message seen, merging what was missed), follows the room's events,
 * reads history pages and threads, and leaves when the page closes. The state lives in the shared
 * cache (data/roomsCache.ts), fed by the socket: coming back to a room shows it at once, and the
 * re-join fetches only what was missed.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { MessageDelivery, ServerToClientEvents } from '../../../../shared/events.js';
import { JOIN_ANSWER_TIMEOUT_MS, JOIN_RETRIES, joinRetryDelayMs } from '../../../../shared/joinRetry.js';
import { queryKeys } from '../../data/keys.js';
import { applyRoomAction, cachedRoom, forgetRefusedRoom } from '../../data/roomsCache.js';
import { onMessageAcknowledged, outboxItems, settleMessage } from '../../realtime/outbox.js';
import { getSocket, request, TIMEOUT_CODE } from '../../realtime/socket.js';
import { initialRoomState, lastSeenBefore, type RoomAction, type RoomState } from './roomState.js';

/** Messages per history page. */
export const PAGE_SIZE = 30;

/** What a room page can do with its room. */
export interface RoomHandle {
  state: RoomState;
  /** Reads the next older page; resolves with the ack's error code, or null. */
  loadEarlier: () => Promise<string | null>;
  /** Reads a thread's replies. */
  loadThread: (threadId: string) => Promise<string | null>;
  dispatch: (action: RoomAction) => void;
}

/**
 * `room:resync` (added to shared/events.ts on the `scale` branch): the node may have missed live
 * messages since `since`; re-join with the last message seen created before then.
 */
type ResyncEvents = ServerToClientEvents & { 'room:resync': (payload: { since: string }) => void };

/** How long a resync waits at most (random), so that several nodes asking at once cause one join. */
const RESYNC_SPREAD_MS = 1_000;

/** Joins room `roomId` and follows it while mounted. */
export function useRoom(roomId: string): RoomHandle {
  const queryClient = useQueryClient();
  // Socket-fed only: the query never fetches; its data is set by `dispatch`.
  const { data: state } = useQuery({
    queryKey: queryKeys.room(roomId),
    queryFn: () => cachedRoom(queryClient, roomId),
    initialData: initialRoomState,
    staleTime: Infinity,
  });
  const dispatch = useCallback(
    (action: RoomAction) => applyRoomAction(queryClient, roomId, action),
    [queryClient, roomId],
  );
  /** Whether the room is open on this page (a retried join must not reopen a room the page left). */
  const open = useRef(false);
  /** The latest state, even between renders. */
  const current = useCallback(() => cachedRoom(queryClient, roomId), [queryClient, roomId]);

  const readLatest = useCallback(async () => {
    const page = await request('message:history', { roomId, limit: PAGE_SIZE });
    if (page.ok) dispatch({ type: 'page', items: page.data.items, before: page.data.before, replace: true });
    return page.ok ? null : page.error.code;
  }, [roomId, dispatch]);

  /** Joins (again); `since` re-joins from the last message seen created before that time. */
  const join = useCallback(
    async (since?: string) => {
      const { loaded, status } = current();
      if (status === 'denied' || status === 'removed') return;
      const lastSeen = since === undefined ? current().lastSeen : lastSeenBefore(current(), since);
      const payload = { roomId, ...(lastSeen ? { lastSeenId: lastSeen.id } : {}) };
      let ack = await request('room:join', payload, JOIN_ANSWER_TIMEOUT_MS);
      // A lost answer (timed out, or the node not ready): asked again a few times, later each time;
      // then, or once disconnected, the next connect joins again.
      for (let attempt = 0; !ack.ok && attempt < JOIN_RETRIES; attempt += 1) {
        if (ack.error.code !== TIMEOUT_CODE && ack.error.code !== 'unavailable') break;
        await new Promise((resolve) => setTimeout(resolve, joinRetryDelayMs(attempt)));
        if (!open.current || !getSocket().connected) return;
        ack = await request('room:join', payload, JOIN_ANSWER_TIMEOUT_MS);
      }
      if (!ack.ok) {
        if (ack.error.code !== TIMEOUT_CODE && ack.error.code !== 'unavailable') dispatch({ type: 'denied' });
        return;
      }
      if (!open.current) return;
      dispatch({ type: 'joined', room: ack.data.room, missed: ack.data.missed, online: ack.data.online });
      // First visit, or more was missed than one answer holds: start again from the latest page.
      if (!loaded || !lastSeen || ack.data.more) await readLatest();
    },
    [roomId, readLatest, dispatch, current],
  );

  useEffect(() => {
    open.current = true;
    forgetRefusedRoom(queryClient, roomId);
    const socket = getSocket() as unknown as Socket<ResyncEvents>;
    const mine = (payload: { roomId: string }) => payload.roomId === roomId;
    let resyncTimer: ReturnType<typeof setTimeout> | null = null;
    let resyncSince: string | null = null;
    const onCreated = (message: MessageDelivery) => {
      if (!mine(message)) return;
      if (outboxItems().some((item) => item.clientId === message.clientId)) settleMessage(message.clientId);
      dispatch({ type: 'upsert', message });
    };
    const onRemoved = (payload: { id: string; roomId: string }) => {
      if (mine(payload)) dispatch({ type: 'remove', id: payload.id });
    };
    const handlers: Partial<ResyncEvents> = {
      'message:created': onCreated,
      'message:updated': (message) => {
        if (mine(message)) dispatch({ type: 'upsert', message });
      },
      'message:removed': onRemoved,
      'reaction:updated': (payload) => {
        if (mine(payload))
          dispatch({ type: 'reactions', messageId: payload.messageId, reactions: payload.reactions });
      },
      'typing:updated': (payload) => {
        if (mine(payload))
          dispatch({ type: 'typing', person: payload.person, typing: payload.typing, now: Date.now() });
      },
      'presence:updated': (payload) => {
        if (mine(payload))
          for (const change of [payload, ...(payload.more ?? [])])
            dispatch({ type: 'presence', personId: change.personId, online: change.online });
      },
      'read:updated': (payload) => {
        if (mine(payload))
          dispatch({ type: 'read', personId: payload.personId, messageId: payload.messageId });
      },
      'room:removed': (payload) => {
        if (mine(payload)) dispatch({ type: 'removed' });
      },
      'room:resync': (payload) => {
        // Several nodes may ask within moments: wait a random moment, then join once from the earliest.
        const since = typeof payload?.since === 'string' ? payload.since : new Date(0).toISOString();
        if (resyncSince === null || Date.parse(since) < Date.parse(resyncSince)) resyncSince = since;
        resyncTimer ??= setTimeout(() => {
          const from = resyncSince ?? since;
          resyncTimer = null;
          resyncSince = null;
          void join(from);
        }, Math.random() * RESYNC_SPREAD_MS);
      },
    };
    const onConnect = () => void join();
    for (const [event, handler] of Object.entries(handlers))
      socket.on(event as 'message:created', handler as never);
    socket.on('connect', onConnect);
    const stopAcks = onMessageAcknowledged((message) => {
      if (mine(message)) dispatch({ type: 'upsert', message });
    });
    const lapse = setInterval(() => dispatch({ type: 'expireTyping', now: Date.now() }), 2_000);
    if (socket.connected) void join();
    return () => {
      for (const [event, handler] of Object.entries(handlers))
        socket.off(event as 'message:created', handler as never);
      socket.off('connect', onConnect);
      stopAcks();
      clearInterval(lapse);
      if (resyncTimer) clearTimeout(resyncTimer);
      open.current = false;
      if (socket.connected) void request('room:leave', { roomId });
    };
  }, [roomId, join, dispatch, queryClient]);

  const loadEarlier = useCallback(async () => {
    const before = current().before;
    if (!before) return null;
    const page = await request('message:history', { roomId, before, limit: PAGE_SIZE });
    if (page.ok) dispatch({ type: 'page', items: page.data.items, before: page.data.before, replace: false });
    return page.ok ? null : page.error.code;
  }, [roomId, dispatch, current]);

  const loadThread = useCallback(
    async (threadId: string) => {
      dispatch({ type: 'threadOpening', threadId });
      const page = await request('message:history', { roomId, threadId, limit: 100 });
      if (page.ok) dispatch({ type: 'thread', threadId, items: page.data.items });
      return page.ok ? null : page.error.code;
    },
    [roomId, dispatch],
  );

  return { state, loadEarlier, loadThread, dispatch };
}
