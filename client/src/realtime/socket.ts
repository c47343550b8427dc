/**
 * The one Socket.IO connection of a tab (rooms, the notification bell and the forums' live `post:*`
 * events all use it), typed by shared/events.ts. It is created on first
 * use (this module and socket.io-client load only with the pages that need them), follows the
 * browser's online/offline signals so a dead mobile link is noticed at once, and is closed at
 * sign-out. `request()` turns every emit into a promise of the contract's {@link Ack} shape, with a
 * time-out so nothing waits for ever.
 *
 * Transports: WebSocket first, and HTTP long-polling when WebSocket cannot connect (networks and
 * proxies that block it), within the same attempt (`tryAllTransports`). Once a connection had to fall
 * back (or an attempt failed), reconnections start with polling and upgrade to WebSocket when the
 * probe succeeds, so a WebSocket that hangs instead of failing does not delay every reconnection;
 * a successful upgrade puts WebSocket first again.
 *
 * Sessions: when the server ends the socket (`session:ended`, or a disconnect of reason
 * `io server disconnect`) or refuses its handshake (`unauthorized`), the session provider is asked to
 * read the session again (auth/sessionSignals.ts), so a sign-out in another tab shows at once here.
 * A sign-out in this tab stops the socket before it is sent (it connects again if the sign-out
 * fails) and closes it once done, so it never connects, nor makes the page read, with the ended
 * session's cookie.
 */
import { io, WebSocket as WebSocketTransport, XHR, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';
import { onSignOut, requestSessionCheck } from '../auth/sessionSignals.js';

/** The typed client socket. */
export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Whether the socket is connected, reconnecting, or the browser says it is offline. */
export type ConnectionState = 'connecting' | 'connected' | 'offline';

/** The error code of an ack that never came (time-out or lost connection). */
export const TIMEOUT_CODE = 'timeout';

const DEFAULT_TIMEOUT_MS = 10_000;

let socket: RealtimeSocket | null = null;
let state: ConnectionState = 'connecting';
/** True while this tab's sign-out is under way: the socket stays down. */
let signingOutHere = false;
const listeners = new Set<() => void>();
const closedListeners = new Set<() => void>();

function setState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

const goOffline = () => {
  setState('offline');
  // The browser knows the link is gone: drop the socket now instead of waiting for the ping time-out.
  socket?.disconnect();
};
const goOnline = () => {
  setState('connecting');
  if (!signingOutHere) socket?.connect();
};

// A socket still connecting is left to finish (closing a WebSocket that is opening makes the browser
// complain): it is disconnected as soon as it connects, or the server refuses it.
onSignOut((phase) => {
  signingOutHere = phase === 'started';
  if (phase === 'started') {
    if (socket?.connected) socket.disconnect();
  } else if (phase === 'ended') closeSocket();
  else if (socket && !socket.active && navigator.onLine) socket.connect();
});

/**
 * The WebSocket transport, failing fast: a WebSocket closed before the server's first packet (a proxy
 * or filter that accepts the upgrade and hangs up, or ends it without an error event) counts as an
 * error, so `tryAllTransports` moves on to polling at once instead of waiting for the connect time-out.
 */
class FailFastWebSocket extends WebSocketTransport {
  private answered = false;
  private failed = false;
  private closedHere = false;

  // Closed by this side (sign-out, offline): the close that follows is no failure to report.
  override doClose(): void {
    this.closedHere = true;
    super.doClose();
  }

  protected override onPacket(...args: Parameters<WebSocketTransport['onPacket']>): void {
    this.answered = true;
    super.onPacket(...args);
  }

  protected override onClose(...args: Parameters<WebSocketTransport['onClose']>): void {
    if (!this.answered && !this.failed && !this.closedHere) {
      this.failed = true;
      this.onError('websocket closed before the handshake', args[0]);
      return;
    }
    super.onClose(...args);
  }
}

/** WebSocket first: one long-lived connection suits slow mobile links better than long polling. */
const WEBSOCKET_FIRST = [FailFastWebSocket, XHR];
/** After a fallback: polling first, upgraded to WebSocket when the probe succeeds. */
const POLLING_FIRST = [XHR, FailFastWebSocket];

/** The error of a handshake the server refused because the session is gone (server/realtime.ts). */
const UNAUTHORIZED = 'unauthorized';

/** The transport the socket uses now (`websocket` or `polling`), or null when not connected. */
export function currentTransport(): string | null {
  return socket?.connected ? (socket.io.engine?.transport?.name ?? null) : null;
}

/** The shared socket, connecting it on first use. */
export function getSocket(): RealtimeSocket {
  if (socket) return socket;
  // The server also accepts a same-origin polling handshake: server/sockets/handshakeOrigin.ts.
  const created: RealtimeSocket = io({
    transports: [...WEBSOCKET_FIRST],
    tryAllTransports: true,
    autoConnect: false,
  });
  const startWith = (order: typeof WEBSOCKET_FIRST) => {
    created.io.opts.transports = [...order];
  };
  created.on('connect', () => {
    if (signingOutHere) {
      created.disconnect();
      return;
    }
    // Fell back to polling: the next reconnections start there and try to upgrade.
    if (created.io.engine.transport.name !== 'websocket') startWith(POLLING_FIRST);
    setState('connected');
  });
  created.io.on('open', () => {
    created.io.engine.on('upgrade', (transport: { name: string }) => {
      if (transport.name === 'websocket') startWith(WEBSOCKET_FIRST);
    });
  });
  created.on('connect_error', (error: Error) => {
    if (error.message === UNAUTHORIZED) {
      // The session is gone (signed out elsewhere, expired): stop, and let the page show it.
      closeSocket();
      requestSessionCheck();
    } else startWith(POLLING_FIRST);
  });
  created.on('disconnect', (reason) => {
    setState(navigator.onLine ? 'connecting' : 'offline');
    if (reason === 'io server disconnect') {
      // The server ended this socket: its session ended (sign-out in another tab), or the server is
      // stopping. Read the session again, and connect again: a refused handshake closes the socket.
      requestSessionCheck();
      if (navigator.onLine && !signingOutHere) created.connect();
    }
  });
  created.io.on('reconnect_attempt', () => {
    if (navigator.onLine) setState('connecting');
  });
  created.on('session:ended', () => {
    closeSocket();
    requestSessionCheck();
  });
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);
  socket = created;
  if (navigator.onLine && !signingOutHere) created.connect();
  else setState('offline');
  return created;
}

/** Closes the socket (sign-out, session ended); the next {@link getSocket} opens a new one. */
export function closeSocket(): void {
  window.removeEventListener('offline', goOffline);
  window.removeEventListener('online', goOnline);
  socket?.removeAllListeners();
  socket?.disconnect();
  socket = null;
  setState('connecting');
  for (const listener of closedListeners) listener();
}

/** Calls `listener` when the socket is closed for good (the session ended); returns the unsubscribe. */
export function onSocketClosed(listener: () => void): () => void {
  closedListeners.add(listener);
  return () => closedListeners.delete(listener);
}

/** The connection state now. */
export function connectionState(): ConnectionState {
  return state;
}

/** Calls `listener` whenever the connection state changes; returns the unsubscribe function. */
export function onConnectionState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

type AckData<E extends keyof ClientToServerEvents> =
  Parameters<ClientToServerEvents[E]> extends [unknown, (answer: Ack<infer T>) => void] ? T : never;
type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];

/** Events that take a payload and answer through an ack. */
export type RequestEvent = Exclude<keyof ClientToServerEvents, 'session:whoami'>;

/**
 * Emits `event` with `payload` and resolves with the server's ack, or with a `timeout` error when no
 * answer came within `timeoutMs` (the socket was down or the answer was lost). Never rejects.
 */
export function request<E extends RequestEvent>(
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<Ack<AckData<E>>> {
  const current = getSocket();
  // Not connected: answer at once rather than let socket.io buffer the packet and send it later
  // behind our back (the outbox decides when to try again).
  if (!current.connected) {
    return Promise.resolve({ ok: false, error: { code: TIMEOUT_CODE, message: 'not connected' } });
  }
  const timed = current.timeout(timeoutMs) as unknown as {
    emit(name: string, body: unknown, callback: (error: Error | null, answer?: unknown) => void): void;
  };
  return new Promise((resolve) => {
    timed.emit(event, payload, (error, answer) => {
      if (error || !answer || typeof answer !== 'object') {
        resolve({ ok: false, error: { code: TIMEOUT_CODE, message: 'no answer' } });
      } else resolve(answer as Ack<AckData<E>>);
    });
  });
}
