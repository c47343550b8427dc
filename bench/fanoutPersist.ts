/**
 * The "bare + persist" baseline of `bench/fanout.ts`: the bare Socket.IO server of fanoutBare.ts plus
 * the MongoDB driver (the `mongodb` package under mongoose, used directly: no schema, no validation,
 * no group commit) inserting each message with `insertOne` before it emits and acknowledges it.
 * Acknowledged-after-store is what our users need, so this is the fair floor for our server.
 *
 * The stored document has the shape and size of ours (server/models/Message.ts: policy fields,
 * author name, body, rendered HTML, search tokens, timestamps), and its collection carries the same
 * indexes as our messages collection (read from the model's schema), so both pay the same index
 * upkeep per insert. The tokens are computed once at start: the search indexing is our work, not
 * the floor's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import { Server } from 'socket.io';
import { indexTokens } from '../shared/search/tokens.js';
import { MessageModel } from '../server/models/Message.js';
import type { BenchServer } from './fanoutServer.js';

/** Where the floor stores its messages (a collection of the bench database, dropped with it). */
export const PERSIST_COLLECTION = 'bench_persist_messages';

/** The bare baseline that stores each message (one `insertOne`) before it emits and acks. */
export async function startBarePersistServer(uri: string, dbName: string): Promise<BenchServer> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  const messages = client.db(dbName).collection(PERSIST_COLLECTION);
  for (const [keys, options] of MessageModel.schema.indexes())
    await messages.createIndex(keys as Record<string, 1 | -1>, options as Record<string, unknown>);

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const io = new Server(server, { serveClient: false });
  const author = { id: new mongoose.Types.ObjectId(), name: 'Bench Sender' };
  const spaceId = new mongoose.Types.ObjectId();
  let tokens: { language: string | null; tokens: string[] } | undefined;

  io.on('connection', (socket) => {
    socket.on('room:join', (payload: { roomId: string }, ack: (a: unknown) => void) => {
      void socket.join(payload.roomId);
      ack({ ok: true, data: { missed: [] } });
    });
    socket.on(
      'message:send',
      (payload: { roomId: string; clientId: string; body: string }, ack: (a: unknown) => void) => {
        tokens ??= indexTokens([payload.body], 'en');
        const now = new Date();
        const html = `<p>${payload.body}</p>\n`;
        const doc = {
          _id: new mongoose.Types.ObjectId(),
          spaceId,
          spaceHubId: null,
          label: 'GREEN',
          audienceIds: [],
          authorId: author.id,
          authorCityId: null,
          authorName: author.name,
          state: 'visible',
          published: true,
          clientId: payload.clientId,
          threadId: null,
          body: payload.body,
          html,
          language: tokens.language,
          tokens: tokens.tokens,
          replyCount: 0,
          topicHidden: false,
          editedAt: null,
          edits: [],
          moderation: [],
          createdAt: now,
          updatedAt: now,
          __v: 0,
        };
        messages.insertOne(doc).then(
          () => {
            const message = {
              id: doc._id.toString(),
              clientId: payload.clientId,
              roomId: payload.roomId,
              threadId: null,
              label: 'GREEN',
              body: payload.body,
              html,
              language: 'en',
              author: { id: author.id.toString(), name: author.name },
              state: 'published',
              createdAt: now.toISOString(),
              editedAt: null,
              replyCount: 0,
              reactions: [],
            };
            io.to(payload.roomId).emit('message:created', message);
            ack({ ok: true, data: message });
          },
          (error: Error) => ack({ ok: false, error: { code: 'store_failed', message: error.message } }),
        );
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
      await client.close();
    },
  };
}
