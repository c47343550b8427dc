/**
 * One client process of the benchmarks (bench/clientPool.ts starts several, so that decoding a
 * thousand sockets' frames is spread over processes and never competes with the server under test
 * for one event loop). Driven over IPC by the parent, per side (one server under test):
 * - `connect`: open sockets (socket.io-client, WebSocket transport, the given session cookies: the
 *   real handshake) and join the room with `room:join`; the first one is the sender when asked.
 *   Connecting again adds sockets to the side.
 * - `send`: the sender emits `message:send`; the process reports `sent` at once (wall clock), then
 *   `acked` (with the refusal, if any).
 * - every `message:created` is counted per clientId; when all this process's members of the side have
 *   it, the process reports `delivered` with the wall-clock time of the last one, so the parent can
 *   time a message from send to its last member across processes.
 * Times are `performance.timeOrigin + performance.now()`: wall-clock milliseconds with sub-millisecond
 * resolution, comparable between processes on one machine.
 */
import { io as connect, type Socket } from 'socket.io-client';

/** What the parent asks a client process. */
export type ClientCommand =
  | { type: 'connect'; side: string; url: string; cookies: string[]; roomId: string; sender: boolean }
  | { type: 'send'; side: string; clientId: string; body: string }
  | { type: 'close'; side: string };

/** What a client process tells the parent. */
export type ClientEvent =
  | { type: 'connected'; side: string; members: number; alive: number; ms: number; joinMs: number }
  | { type: 'sent'; side: string; clientId: string; at: number }
  | { type: 'acked'; side: string; clientId: string; error?: string }
  | { type: 'delivered'; side: string; clientId: string; at: number }
  | { type: 'closed'; side: string }
  | { type: 'failed'; side: string; error: string };

/** The clientIds of benchmark messages start so; other messages are not counted. */
export const BENCH_CLIENT_ID_PREFIX = 'bench-';

interface SideState {
  roomId: string;
  sender?: Socket;
  members: Socket[];
  /** Per clientId: how many of this process's members have received it. */
  received: Map<string, number>;
}

const sides = new Map<string, SideState>();

/** How long one socket may wait for its handshake's answer (BENCH_CONNECT_TIMEOUT_S, 120 s). */
const CONNECT_TIMEOUT_MS = Number(process.env.BENCH_CONNECT_TIMEOUT_S ?? 120) * 1000;

const now = () => performance.timeOrigin + performance.now();

function tell(event: ClientEvent): void {
  process.send?.(event);
}

function open(url: string, cookie: string): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { Cookie: cookie, Origin: url } : { Origin: url },
    reconnection: false,
    forceNew: true,
    timeout: 60_000,
  });
  return new Promise((resolve, reject) => {
    // The server's middleware may never answer (a stalled handshake): fail the run, do not hang it.
    const stalled = setTimeout(() => {
      socket.close();
      reject(new Error(`connect: no answer to the handshake in ${CONNECT_TIMEOUT_MS / 1000} s`));
    }, CONNECT_TIMEOUT_MS);
    socket.once('connect', () => {
      clearTimeout(stalled);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(stalled);
      reject(new Error(`connect: ${error.message}`));
    });
  });
}

function join(socket: Socket, roomId: string): Promise<void> {
  return socket
    .timeout(120_000)
    .emitWithAck('room:join', { roomId })
    .then((answer: { ok: boolean; error?: { message: string } }) => {
      if (!answer.ok) throw new Error(`room:join refused: ${answer.error?.message}`);
    });
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function listen(name: string, state: SideState, socket: Socket): void {
  socket.on('message:created', (message: { clientId?: string }) => {
    const clientId = message.clientId;
    if (!clientId?.startsWith(BENCH_CLIENT_ID_PREFIX)) return;
    const count = (state.received.get(clientId) ?? 0) + 1;
    if (count < state.members.length) {
      state.received.set(clientId, count);
      return;
    }
    state.received.delete(clientId);
    tell({ type: 'delivered', side: name, clientId, at: now() });
  });
}

async function connectSide(command: Extract<ClientCommand, { type: 'connect' }>): Promise<void> {
  const state: SideState = sides.get(command.side) ?? {
    roomId: command.roomId,
    members: [],
    received: new Map(),
  };
  sides.set(command.side, state);
  const started = performance.now();
  const [first = '', ...rest] = command.cookies;
  const memberCookies = command.sender ? rest : command.cookies;
  const sender = command.sender ? await open(command.url, first) : undefined;
  const opened: Socket[] = [];
  await inBatches(memberCookies, 50, async (cookie) => {
    opened.push(await open(command.url, cookie));
  });
  const ms = performance.now() - started;
  const joining = performance.now();
  if (sender) await join(sender, state.roomId);
  await inBatches(opened, 50, (socket) => join(socket, state.roomId));
  if (sender) state.sender = sender;
  for (const socket of opened) {
    state.members.push(socket);
    listen(command.side, state, socket);
  }
  tell({
    type: 'connected',
    side: command.side,
    members: state.members.length,
    alive: state.members.filter((socket) => socket.connected).length,
    ms,
    joinMs: performance.now() - joining,
  });
}

function send(command: Extract<ClientCommand, { type: 'send' }>): void {
  const state = sides.get(command.side);
  const { side, clientId } = command;
  if (!state?.sender) {
    tell({ type: 'acked', side, clientId, error: 'no sender in this process' });
    return;
  }
  tell({ type: 'sent', side, clientId, at: now() });
  state.sender
    .timeout(30_000)
    .emitWithAck('message:send', { roomId: state.roomId, clientId, body: command.body })
    .then((answer: { ok: boolean; error?: { code: string } }) =>
      tell({ type: 'acked', side, clientId, ...(answer.ok ? {} : { error: answer.error?.code ?? 'error' }) }),
    )
    .catch((error: Error) => tell({ type: 'acked', side, clientId, error: error.message }));
}

function close(name: string): void {
  const state = sides.get(name);
  for (const socket of [...(state?.members ?? []), ...(state?.sender ? [state.sender] : [])]) socket.close();
  sides.delete(name);
  tell({ type: 'closed', side: name });
}

process.on('message', (command: ClientCommand) => {
  if (command.type === 'send') send(command);
  else if (command.type === 'close') close(command.side);
  else
    connectSide(command).catch((error: Error) =>
      tell({ type: 'failed', side: command.side, error: error.message }),
    );
});

// The parent is gone (finished or failed): nothing is left to measure.
process.on('disconnect', () => process.exit(0));
