/** React views of the realtime stores: the connection state and the outbox. */
import { useSyncExternalStore } from 'react';
import { onOutboxChange, outboxItems, type OutboxItem } from '../../realtime/outbox.js';
import { connectionState, onConnectionState, type ConnectionState } from '../../realtime/socket.js';

/** The socket's connection state, re-rendering on change. */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(onConnectionState, connectionState);
}

/** Every unacknowledged message, re-rendering on change. */
export function useOutbox(): readonly OutboxItem[] {
  return useSyncExternalStore(onOutboxChange, outboxItems);
}
