/**
 * The bare baseline of `bench/fanout.ts`: a Socket.IO server that answers `room:join` with a plain
 * `socket.join` and `message:send` with a plain `io.to(room).emit('message:created', …)` of a payload
 * shaped like ours (MessageDelivery), and nothing else: no session, no policy, no database.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { Server } from 'socket.io';
import type { BenchServer } from './fanoutServer.js';

/** The bare baseline: joins a room and broadcasts what it is sent, nothing else. */
export async function startBareServer(): Promise<BenchServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const io = new Server(server, { serveClient: false });
  // One sender, named like ours (an ObjectId string), so the payloads are the same size.
  const author = { id: new mongoose.Types.ObjectId().toString(), name: 'Bench Sender' };
  io.on('connection', (socket) => {
    socket.on('room:join', (payload: { roomId: string }, ack: (a: unknown) => void) => {
      void socket.join(payload.roomId);
      ack({ ok: true, data: { missed: [] } });
    });
    socket.on(
      'message:send',
      (payload: { roomId: string; clientId: string; body: string }, ack: (a: unknown) => void) => {
        const message = {
          id: new mongoose.Types.ObjectId().toString(),
          clientId: payload.clientId,
          roomId: payload.roomId,
          threadId: null,
          label: 'GREEN',
          body: payload.body,
          html: `<p>${payload.body}</p>\n`,
          language: 'en',
          author,
          state: 'published',
          createdAt: new Date().toISOString(),
          editedAt: null,
          replyCount: 0,
          reactions: [],
        };
        io.to(payload.roomId).emit('message:created', message);
        ack({ ok: true, data: message });
      },
    );
  });
  return {
    url,
    roomId: 'bench-room',
    cookies: (n) => Array.from({ length: n + 1 }, () => ''),
    async close() {
      io.disconnectSockets(true);
      io.engine.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
