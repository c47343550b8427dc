/**
 * Opens one room over the socket and keeps its {@link RoomState}: joins (again on every reconnect and
 * on `room:resync`, with the last message seen, merging what was missed), follows the room's events,
 * reads history pages and threads, and leaves when the page closes.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import type { MessageDelivery, ServerToClientEvents } from '../../../../shared/events.js';
import { onMessageAcknowledged, outboxItems, settleMessage } from '../../realtime/outbox.js';
import { getSocket, request, TIMEOUT_CODE } from '../../realtime/socket.js';
import { initialRoomState, roomReducer, type RoomAction, type RoomState } from './roomState.js';

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

/** A server event that another part of the system may add (`room:resync`): re-join with the last id. */
type ResyncEvents = ServerToClientEvents & { 'room:resync': (payload?: { roomId?: string }) => void };

/** Joins room `roomId` and follows it while mounted. */
export function useRoom(roomId: string): RoomHandle {
  const [state, dispatch] = useReducer(roomReducer, initialRoomState);
  const current = useRef(state);
  current.current = state;

  const readLatest = useCallback(async () => {
    const page = await request('message:history', { roomId, limit: PAGE_SIZE });
    if (page.ok) dispatch({ type: 'page', items: page.data.items, before: page.data.before, replace: true });
    return page.ok ? null : page.error.code;
  }, [roomId]);

  const join = useCallback(async () => {
    const { lastSeen, loaded, status } = current.current;
    if (status === 'denied' || status === 'removed') return;
    const ack = await request('room:join', { roomId, ...(lastSeen ? { lastSeenId: lastSeen.id } : {}) });
    if (!ack.ok) {
      if (ack.error.code !== TIMEOUT_CODE && ack.error.code !== 'unavailable') dispatch({ type: 'denied' });
      return; // a lost answer: the next connect joins again
    }
    dispatch({ type: 'joined', room: ack.data.room, missed: ack.data.missed, online: ack.data.online });
    // First visit, or more was missed than one answer holds: start again from the latest page.
    if (!loaded || !lastSeen || ack.data.more) await readLatest();
  }, [roomId, readLatest]);

  useEffect(() => {
    const socket = getSocket() as unknown as Socket<ResyncEvents>;
    const mine = (payload: { roomId: string }) => payload.roomId === roomId;
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
        if (mine(payload)) dispatch({ type: 'presence', personId: payload.personId, online: payload.online });
      },
      'read:updated': (payload) => {
        if (mine(payload))
          dispatch({ type: 'read', personId: payload.personId, messageId: payload.messageId });
      },
      'room:removed': (payload) => {
        if (mine(payload)) dispatch({ type: 'removed' });
      },
      'room:resync': (payload) => {
        if (!payload?.roomId || payload.roomId === roomId) void join();
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
      if (socket.connected) void request('room:leave', { roomId });
    };
  }, [roomId, join]);

  const loadEarlier = useCallback(async () => {
    const before = current.current.before;
    if (!before) return null;
    const page = await request('message:history', { roomId, before, limit: PAGE_SIZE });
    if (page.ok) dispatch({ type: 'page', items: page.data.items, before: page.data.before, replace: false });
    return page.ok ? null : page.error.code;
  }, [roomId]);

  const loadThread = useCallback(
    async (threadId: string) => {
      const page = await request('message:history', { roomId, threadId, limit: 100 });
      if (page.ok) dispatch({ type: 'thread', threadId, items: page.data.items });
      return page.ok ? null : page.error.code;
    },
    [roomId],
  );

  return { state, loadEarlier, loadThread, dispatch };
}
