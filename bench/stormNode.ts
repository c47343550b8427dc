/**
 * One server node of a storm or agents run, in its own process so that it can be killed and
 * restarted: the real app and realtime server (as server/main.ts composes them, with the room
 * notifications, and with the Redis adapter when `REDIS_URL` is set) on the run's database. Settings
 * come from the parent in `STORM_*` variables; rate and flood limits are raised because every
 * simulated person connects from 127.0.0.1 (the limiters still run on every request and message).
 *
 * IPC: sends `{ type: 'ready' }` once listening; answers `{ type: 'probe' }` with its heap (after a
 * full collection when started with --expose-gc), RSS, open handles and listener counts, and
 * `{ type: 'sockets' }` with its number of connected sockets. `STORM_LOG_COMMANDS=1` prints the
 * database commands' timings to stderr every 5 s (`STORM_LOG_EVERY_MS`; bench/commandTimings.ts),
 * and `STORM_LOG_SLOWEST=1` also each window's slowest command. `STORM_CPU_PROFILE_SECONDS=n` writes a
 * CPU profile of the node's first n seconds to the temp folder (`storm-node-<pid>.cpuprofile`, for
 * Chrome's DevTools): a restarted node's covers the reconnect storm.
 */
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { logCommandTimings } from './commandTimings.js';
import { createApp } from '../server/app.js';
import { createSessionMiddleware } from '../server/auth/sessions.js';
import { loadConfig } from '../server/config.js';
import { connectDatabase } from '../server/db/connect.js';
import { createLogger } from '../server/logger.js';
import '../server/models/index.js';
import { createRedisClient } from '../server/ops/redis.js';
import { createRealtime } from '../server/realtime.js';
import { startRoomNotifications } from '../server/services/notifications/roomNotifications.js';

/** What the node answers to a probe. */
export interface NodeProbe {
  type: 'probe';
  heapUsed: number;
  rss: number;
  /** Active resources by kind (process.getActiveResourcesInfo). */
  handles: Record<string, number>;
  /** Open TCP sockets by what is at their other end: `database`, `redis`, `client` (an HTTP or socket peer). */
  tcpPeers: Record<string, number>;
  /** Listeners on the process, the HTTP server and the Socket.IO engine. */
  listeners: number;
  sockets: number;
}

const env = process.env;
const profileSeconds = Number(env.STORM_CPU_PROFILE_SECONDS ?? 0);
if (profileSeconds > 0) {
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
  setTimeout(() => {
    void inspector.post('Profiler.stop').then(({ profile }) => {
      const file = path.join(os.tmpdir(), `storm-node-${process.pid}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.error(`[node ${process.pid}] CPU profile of the first ${profileSeconds} s: ${file}`);
    });
  }, profileSeconds * 1000).unref();
}
const port = Number(env.STORM_PORT);
const publicUrl = env.STORM_PUBLIC_URL ?? `http://127.0.0.1:${port}`;
const config = loadConfig({
  NODE_ENV: 'production',
  DATA_ENCRYPTION_KEY: env.STORM_DATA_KEY,
  AUDIT_KEY: env.STORM_AUDIT_KEY,
  PUBLIC_URL: publicUrl,
  SESSION_SECRET: env.STORM_SECRET,
  DATA_DIR: env.STORM_DATA_DIR,
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000000',
  RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  ROOM_MESSAGES_PER_PERSON_PER_10S: '100000000',
  ROOM_MESSAGES_PER_ROOM_PER_10S: '100000000',
  ...(env.REDIS_URL ? { REDIS_URL: env.REDIS_URL } : {}),
});
const logger = createLogger('silent');
const logCommands = env.STORM_LOG_COMMANDS === '1';
// The driver emits its command events only when the connection string asks for them.
const uri = env.STORM_URI as string;
const mongoose = await connectDatabase(
  logCommands ? `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true` : uri,
  env.STORM_DB as string,
);
if (logCommands)
  logCommandTimings(mongoose.connection, `node ${port}`, {
    showSlowest: env.STORM_LOG_SLOWEST === '1',
    everyMs: Number(env.STORM_LOG_EVERY_MS ?? 5000),
  });
const redis = config.redisUrl
  ? createRedisClient(config.redisUrl, 'rate limits', logger, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    })
  : undefined;
const sessionMiddleware = createSessionMiddleware(config);
const app = createApp({ config, logger, sessionMiddleware, ...(redis ? { redis } : {}) });
const server = http.createServer(app);
const realtime = createRealtime(server, { config, logger, sessionMiddleware, ...(redis ? { redis } : {}) });
startRoomNotifications();

/** The port of a single-host URL (mongodb:, redis:), or undefined. */
function portOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url.replace(/^[a-z+]+:/, 'http:')).port || undefined : undefined;
  } catch {
    return undefined;
  }
}
const databasePort = portOf(uri);
const redisPort = portOf(env.REDIS_URL);

function probe(): NodeProbe {
  (globalThis as { gc?: () => void }).gc?.();
  const handles: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) handles[kind] = (handles[kind] ?? 0) + 1;
  // Which TCP sockets are open: the database's pool, Redis, or peers of the HTTP server.
  const tcpPeers: Record<string, number> = {};
  const active = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  for (const handle of active) {
    if (!(handle instanceof net.Socket) || handle.remotePort === undefined) continue;
    const peer =
      String(handle.remotePort) === databasePort
        ? 'database'
        : String(handle.remotePort) === redisPort
          ? 'redis'
          : 'client';
    tcpPeers[peer] = (tcpPeers[peer] ?? 0) + 1;
  }
  const count = (emitter: NodeJS.EventEmitter) =>
    emitter.eventNames().reduce((sum, name) => sum + emitter.listenerCount(name), 0);
  const memory = process.memoryUsage();
  return {
    type: 'probe',
    heapUsed: memory.heapUsed,
    rss: memory.rss,
    handles,
    tcpPeers,
    listeners: count(process) + count(server) + count(realtime.io.engine),
    sockets: realtime.io.of('/').sockets.size,
  };
}

process.on('message', (message: { type: string }) => {
  if (message.type === 'probe') process.send?.(probe());
});
server.listen(port, '127.0.0.1', () => process.send?.({ type: 'ready' }));
