/**
 * The client side of `bench/fanout.ts`, in its own process so that decoding a thousand sockets'
 * frames does not compete with the server under test for the same event loop. Driven over IPC by
 * the parent: connect N members and one sender (socket.io-client, WebSocket transport), join a room
 * with `room:join`, then send `message:send` and time each message from send to its LAST delivery.
 * The same code drives our server and the bare baseline (which speaks the same events).
 */
import { io as connect, type Socket } from 'socket.io-client';

/** What the parent asks. */
export type ClientCommand =
  | { type: 'connect'; url: string; cookies: string[]; roomId: string }
  | { type: 'run'; mode: 'steady'; seconds: number; rate: number }
  | { type: 'run'; mode: 'saturate'; seconds: number; window: number }
  | { type: 'close' };

/** What a run reports. */
export interface RunReport {
  messages: number;
  deliveries: number;
  seconds: number;
  latenciesMs: number[];
  errors: string[];
}

type Answer =
  | { type: 'connected'; ms: number; joinMs: number }
  | { type: 'report'; report: RunReport }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

const BODY =
  'Our city council adopted the **prevention plan** today: community mediators in every district, ' +
  'a helpline for families, and a review in six months. Notes from the working group follow.';

let sockets: Socket[] = [];
let sender: Socket | undefined;
let roomId = '';
let members = 0;
let sequence = 0;
/** In-flight messages: when sent and how many members still wait for them. */
const pending = new Map<string, { sentAt: number; remaining: number }>();
let onComplete: ((latencyMs: number) => void) | undefined;
let deliveries = 0;

function reply(answer: Answer): void {
  process.send?.(answer);
}

function open(url: string, cookie: string): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: cookie ? { Cookie: cookie, Origin: url } : { Origin: url },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect: ${error.message}`)));
  });
}

function join(socket: Socket): Promise<void> {
  return socket
    .timeout(60_000)
    .emitWithAck('room:join', { roomId })
    .then((answer: { ok: boolean; error?: { message: string } }) => {
      if (!answer.ok) throw new Error(`room:join refused: ${answer.error?.message}`);
    });
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

function received(message: { clientId?: string }): void {
  const entry = message.clientId ? pending.get(message.clientId) : undefined;
  if (!entry) return;
  deliveries++;
  if (--entry.remaining > 0) return;
  pending.delete(message.clientId as string);
  onComplete?.(performance.now() - entry.sentAt);
}

async function connectAll(command: Extract<ClientCommand, { type: 'connect' }>): Promise<void> {
  roomId = command.roomId;
  const started = performance.now();
  const [senderCookie = '', ...memberCookies] = command.cookies;
  sender = await open(command.url, senderCookie);
  await inBatches(memberCookies, 50, async (cookie) => {
    sockets.push(await open(command.url, cookie));
  });
  const connectedMs = performance.now() - started;
  const joining = performance.now();
  await join(sender);
  await inBatches(sockets, 50, join);
  for (const socket of sockets) socket.on('message:created', received);
  members = sockets.length;
  reply({ type: 'connected', ms: connectedMs, joinMs: performance.now() - joining });
}

function send(errors: string[]): void {
  const clientId = `bench-${process.pid}-${sequence++}`;
  pending.set(clientId, { sentAt: performance.now(), remaining: members });
  sender
    ?.timeout(30_000)
    .emitWithAck('message:send', { roomId, clientId, body: BODY })
    .then((answer: { ok: boolean; error?: { code: string } }) => {
      if (!answer.ok) failed(clientId, answer.error?.code ?? 'error', errors);
    })
    .catch((error: Error) => failed(clientId, error.message, errors));
}

/** A refused or timed-out send: no latency, but its slot is free again. */
function failed(clientId: string, error: string, errors: string[]): void {
  errors.push(error);
  if (pending.delete(clientId)) onComplete?.(Number.NaN);
}

/** Waits until every message in flight reached every member (or `timeoutMs` passed). */
async function drain(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
}

async function run(command: Extract<ClientCommand, { type: 'run' }>): Promise<RunReport> {
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  pending.clear();
  deliveries = 0;
  let sent = 0;
  const started = performance.now();
  const end = started + command.seconds * 1000;
  if (command.mode === 'steady') {
    onComplete = (ms) => {
      if (!Number.isNaN(ms)) latenciesMs.push(ms);
    };
    const interval = 1000 / command.rate;
    for (let next = started; next < end; next += interval) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      send(errors);
      sent++;
    }
  } else {
    // Closed loop: keep `window` messages on their way to the members; send the next one as soon as
    // one reached everybody.
    await new Promise<void>((resolve) => {
      setTimeout(resolve, command.seconds * 1000 + 30_000).unref();
      onComplete = (ms) => {
        if (!Number.isNaN(ms)) latenciesMs.push(ms);
        if (performance.now() < end) {
          send(errors);
          sent++;
        } else if (pending.size === 0) resolve();
      };
      for (let i = 0; i < command.window; i++) {
        send(errors);
        sent++;
      }
    });
  }
  await drain(30_000);
  const seconds = (performance.now() - started) / 1000;
  onComplete = undefined;
  if (pending.size > 0) errors.push(`${pending.size} messages not delivered to every member`);
  return { messages: sent, deliveries, seconds, latenciesMs, errors };
}

process.on('message', (command: ClientCommand) => {
  const work = async (): Promise<Answer> => {
    switch (command.type) {
      case 'connect':
        await connectAll(command);
        return { type: 'connected', ms: 0, joinMs: 0 };
      case 'run':
        return { type: 'report', report: await run(command) };
      case 'close':
        for (const socket of [...sockets, ...(sender ? [sender] : [])]) socket.close();
        sockets = [];
        sender = undefined;
        return { type: 'closed' };
    }
  };
  work()
    .then((answer) => {
      if (command.type !== 'connect') reply(answer);
    })
    .catch((error: Error) => reply({ type: 'failed', error: error.message }));
});
