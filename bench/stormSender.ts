/**
 * The sender of `bench/storm.ts`: one signed-in person per room (each a socket with the web client's
 * reconnection, joining its room on every connect), sending `message:send` to the rooms in turn at `rate` messages per second in all
 * while running. A message counts as acknowledged when its ack says `ok` (the server answers after the
 * message is stored); sends while a socket is down, refused or unanswered ones are counted apart.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { AckedMessage } from './stormClients.js';

/** A running sender. */
export interface StormSender {
  /** Every acknowledged message so far. */
  acked: AckedMessage[];
  /** Sends made while the room's socket was down, refused, or left without an answer. */
  failures: { down: number; refused: number; unanswered: number; codes: Set<string> };
  /** Stops sending and waits for the answers still due. */
  stop(): Promise<void>;
}

const BODY = 'Storm check: the mediators meet at six; the helpline stays open through the night.';

/** Connects one socket per room and starts sending. */
export async function startSender(
  url: string,
  origin: string,
  rooms: { roomId: string; cookie: string }[],
  rate: number,
): Promise<StormSender> {
  const sockets: Socket[] = rooms.map(({ cookie, roomId }) => {
    const socket = connect(url, {
      transports: ['websocket'],
      extraHeaders: { Cookie: cookie, Origin: origin },
      forceNew: true,
    });
    // Joined like the web client's open room (on every connect), so sends use the socket's grant.
    socket.on('connect', () => socket.emit('room:join', { roomId }, () => undefined));
    return socket;
  });
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) =>
          socket.connected ? resolve() : socket.once('connect', () => resolve()),
        ),
    ),
  );
  const acked: AckedMessage[] = [];
  const failures = { down: 0, refused: 0, unanswered: 0, codes: new Set<string>() };
  const inFlight = new Set<Promise<void>>();
  let seq = 0;
  const timer = setInterval(() => {
    const index = seq % rooms.length;
    const socket = sockets[index] as Socket;
    const { roomId } = rooms[index] as { roomId: string };
    const mine = seq++;
    if (!socket.connected) {
      failures.down++;
      return;
    }
    const sent = socket
      .timeout(10_000)
      .emitWithAck('message:send', { roomId, clientId: `storm-${String(mine).padStart(6, '0')}`, body: BODY })
      .then(
        (answer: { ok: boolean; error?: { code: string; message?: string } }) => {
          if (answer.ok) acked.push({ seq: mine, roomId, ackAt: Date.now() });
          else {
            failures.refused++;
            failures.codes.add(`${answer.error?.code}: ${answer.error?.message}`);
          }
        },
        () => {
          failures.unanswered++;
        },
      )
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
  }, 1000 / rate);
  return {
    acked,
    failures,
    async stop() {
      clearInterval(timer);
      await Promise.all([...inFlight]);
      for (const socket of sockets) socket.close();
    },
  };
}
