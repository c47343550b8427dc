/**
 * A server under test in its own process (started by bench/serverProcess.ts), so that the clients,
 * the coordinator and the other servers never share its event loop and its memory can be read alone.
 * Answers the parent over IPC: `start` one kind of server (bare Socket.IO, bare + persist, or ours on
 * the bench database), `memory` (heap and RSS after full garbage collections: run with --expose-gc),
 * `snapshot` (a V8 heap snapshot written to a file), `close`.
 */
import v8 from 'node:v8';
import mongoose from 'mongoose';
import '../server/models/index.js';
import { connectDatabase } from '../server/db/connect.js';
import { startBareServer } from './fanoutBare.js';
import { startBarePersistServer } from './fanoutPersist.js';
import { startOurServer, type BenchServer } from './fanoutServer.js';
import type { ServerAnswer, ServerCommand } from './serverProcess.js';

let server: BenchServer | undefined;

/**
 * With BENCH_COUNT_QUERIES=1, the queries our server sends (Mongoose's debug hook: collection and
 * operation) are counted and printed to stderr with each memory reading, to see what a handshake or
 * a join costs the database.
 */
const queries = new Map<string, number>();
if (process.env.BENCH_COUNT_QUERIES === '1')
  mongoose.set('debug', (collection: string, method: string) => {
    const key = `${collection}.${method}`;
    queries.set(key, (queries.get(key) ?? 0) + 1);
  });

function reportQueries(): void {
  if (queries.size === 0) return;
  const counts = [...queries].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`);
  console.error(`[server ${process.pid}] queries since the last reading: ${counts.join(', ')}`);
  queries.clear();
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the server process needs --expose-gc to measure memory');
  for (let i = 0; i < 4; i++) gc();
}

async function answer(command: ServerCommand): Promise<ServerAnswer> {
  switch (command.type) {
    case 'start': {
      if (command.kind === 'bare') server = await startBareServer();
      else if (command.kind === 'persist') server = await startBarePersistServer(command.uri, command.dbName);
      else {
        await connectDatabase(command.uri, command.dbName);
        server = await startOurServer(command.dataDir, command.people, console.error);
      }
      return {
        type: 'started',
        url: server.url,
        roomId: server.roomId,
        cookies: server.cookies(command.people - 1),
      };
    }
    case 'memory': {
      // Let sockets' pending work (timers, acks) settle before collecting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      collect();
      reportQueries();
      const usage = process.memoryUsage();
      return { type: 'memory', heapUsed: usage.heapUsed, rss: usage.rss, external: usage.external };
    }
    case 'snapshot':
      collect();
      return { type: 'snapshot', file: v8.writeHeapSnapshot(command.file) };
    case 'close':
      await server?.close();
      server = undefined;
      return { type: 'closed' };
  }
}

process.on('message', (command: ServerCommand) => {
  answer(command)
    .then((reply) => {
      process.send?.(reply);
      if (command.type === 'close') setTimeout(() => process.exit(0), 100).unref();
    })
    .catch((error: Error) => process.send?.({ type: 'failed', error: error.stack ?? error.message }));
});

// The parent is gone (finished or failed): nothing is left to measure.
process.on('disconnect', () => process.exit(0));
