/**
 * The Socket.IO server on the same HTTP server as the app. A socket is accepted only from our own
 * pages (no cross-site WebSocket hijacking: a present Origin must be ours; without Origin only a
 * same-origin long-polling handshake, see server/sockets/handshakeOrigin.ts) and only with a
 * signed-in session cookie
 * (the express-session middleware runs on the engine; server/sockets/handshakeSession.ts keeps only
 * who, which session and since when). Each socket joins `session:<id>` and
 * `person:<id>`; when sessions end (sign-out, sign-out everywhere, suspension, expiry) their sockets
 * are disconnected at once, on every node (with REDIS_URL the Redis adapter carries rooms, emits and
 * disconnections between nodes: server/sockets/adapter.ts). Reconnection and connection-state recovery
 * re-run the same checks. The person behind a handshake comes from the node's sharing cache
 * (server/services/rooms/sharingCache.ts, dropped on every node on each permission change), so a
 * handshake reads only the session when the person is known.
 */
import type http from 'node:http';
import type { RequestHandler } from 'express';
import { Server, type Socket } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../shared/events.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { pastAbsoluteLimit } from './auth/sessions.js';
import { cachedActor, forgetEveryone, useSharingVersions } from './services/rooms/sharingCache.js';
import './auth/sessionData.js';
import { subscribe } from './events/domainEvents.js';
import { personRoom, type RoomEmitter } from './sockets/broadcast.js';
import type { OnlineFilter } from './sockets/broadcastCandidates.js';
import { deliverContentEvent } from './sockets/deliverContentEvent.js';
import { deliverNotifications } from './sockets/deliverNotifications.js';
import { createRedisAdapter } from './sockets/adapter.js';
import { acceptsHandshakeOrigin } from './sockets/handshakeOrigin.js';
import { handshakeSession, takeHandshakeSession } from './sockets/handshakeSession.js';
import { attachRooms } from './sockets/rooms.js';
import { refreshLocalGrants } from './sockets/reauthorize.js';
import { sessionWatch } from './sockets/sessionWatch.js';
import { attachSharingInvalidation } from './sockets/sharingInvalidation.js';
import { redisSharingVersions } from './sockets/sharingVersions.js';
import { announceRoomActivity } from './sockets/workspaceActivity.js';
import type { Redis } from 'ioredis';

type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** The running realtime server. */
export interface Realtime {
  io: RealtimeServer;
  close(): void;
}

/** What the realtime server needs. */
export interface RealtimeDependencies {
  config: Config;
  logger: Logger;
  sessionMiddleware: RequestHandler;
  /** How often open sockets' sessions are re-checked for expiry (ms). */
  checkIntervalMs?: number;
  /** Shared counters for room flood control (the HTTP limiters' client); memory without it. */
  redis?: Redis;
}

function allowedOrigins(config: Config): Set<string> {
  return new Set([new URL(config.publicUrl).origin, ...config.corsOrigins]);
}

/** Answers `session:whoami` with the socket's person (one listener shared by every socket). */
function whoami(this: RealtimeSocket, ack: unknown): void {
  if (typeof ack === 'function') ack({ ok: true, data: { personId: this.data.personId } });
}

/** Starts Socket.IO on the HTTP server. */
export function createRealtime(server: http.Server, deps: RealtimeDependencies): Realtime {
  const { config, logger, sessionMiddleware } = deps;
  const origins = allowedOrigins(config);
  // With REDIS_URL every node shares rooms and emits through Redis; clients re-fetch what a Redis
  // outage kept from them (`room:resync`). Without it, the in-memory adapter of one node.
  // Sessions also end by time (idle or absolute), checked regularly (sockets/sessionWatch.ts).
  const checkIntervalMs = deps.checkIntervalMs ?? 10_000;
  const watch = sessionWatch(config, checkIntervalMs);
  const redisAdapter = config.redisUrl
    ? createRedisAdapter(config.redisUrl, logger, ({ since, clusterWide }) => {
        // Invalidations and disconnects from other nodes may have been lost with the link: read
        // everyone afresh, and every open session at the next check.
        forgetEveryone();
        watch.recheckAll();
        (clusterWide ? io : io.local).emit('room:resync', { since: since.toISOString() });
      })
    : undefined;
  const io: RealtimeServer = new Server(server, {
    ...(redisAdapter ? { adapter: redisAdapter.adapter } : {}),
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    allowRequest: (req, callback) => callback(null, acceptsHandshakeOrigin(req, origins)),
  });
  io.engine.use(handshakeSession(sessionMiddleware));

  io.use((socket, next) => {
    const session = takeHandshakeSession(socket.request);
    if (!session || pastAbsoluteLimit(session.signedInAt, config)) return next(new Error('unauthorized'));
    const { personId, sessionId } = session;
    // A recovered socket comes back with its rooms and data (connection-state recovery): only to the
    // same person.
    if (socket.recovered && socket.data.personId !== undefined && socket.data.personId !== personId)
      return next(new Error('unauthorized'));
    cachedActor(personId)
      .then((actor) => {
        if (!actor) return next(new Error('unauthorized'));
        socket.data.personId = personId;
        socket.data.sessionId = sessionId;
        next();
      })
      .catch(() => next(new Error('unavailable')));
  });

  io.on('connection', (socket: RealtimeSocket) => {
    const sessionRoom = `session:${socket.data.sessionId}`;
    // A recovered socket may come back under a new session of its person (signed in again).
    for (const room of socket.rooms)
      if (room.startsWith('session:') && room !== sessionRoom) void socket.leave(room);
    void socket.join([sessionRoom, `person:${socket.data.personId}`]);
    // Read at the next check: it may have ended while this socket was on its way in.
    watch.recheck(socket.data.sessionId);
    socket.on('session:whoami', whoami);
  });

  const end = (room: string, reason: 'signed_out' | 'expired') => {
    io.to(room).emit('session:ended', { reason });
    io.in(room).disconnectSockets(true);
  };
  const unsubscribe = subscribe('sessions.ended', 'socket session end', (ended) => {
    end('sessionId' in ended ? `session:${ended.sessionId}` : `person:${ended.personId}`, 'signed_out');
  });

  // One check at a time: with thousands of sockets on a slow database a check may outlast the
  // interval, and piled-up checks would starve the handshakes and joins.
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    const sessionIds = [...new Set([...io.of('/').sockets.values()].map((s) => s.data.sessionId))];
    checking = true;
    watch
      .check(sessionIds)
      .then(({ ended, error }) => {
        if (error) logger.warn({ err: error }, 'socket session check failed');
        for (const id of ended) end(`session:${id}`, 'expired');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'socket session check failed'))
      .finally(() => (checking = false));
  }, checkIntervalMs);
  timer.unref();

  // Content events from the services reach open sockets through the policy: each person's room gets
  // only what that person may read now, and a removal for what they may no longer see. Inline
  // processors of the bus (started in publish order, not awaited; failures logged and retried).
  // A retry may send an event again: clients upsert by id.
  const rooms: RoomEmitter = {
    to: (room) => ({
      emit: (event, payload) => io.to(room).emit(event as 'post:removed', payload as { id: string }),
    }),
  };
  // Only people with an open socket (on any node) are loaded and decided for: no per-person work for
  // the offline part of a large audience, who read it when they come back.
  const online: OnlineFilter = async (personIds) => {
    if (personIds.length === 0) return [];
    const sockets = await io.in(personIds.map(personRoom)).fetchSockets();
    return [...new Set(sockets.map((s) => s.data.personId))];
  };
  const offContent = subscribe('content', 'socket content delivery', (event) =>
    deliverContentEvent(rooms, event, online),
  );
  // Stored notifications reach their recipient's room, rendered for that person through the policy.
  const offNotifications = subscribe('notifications.stored', 'socket notification delivery', (docs) =>
    deliverNotifications(
      (personId, n) => io.to(personRoom(personId)).emit('notification:created', n),
      docs,
      online,
    ),
  );
  // The workspace sidebar: readers with an open socket hear that one of their rooms had activity.
  const offActivity = announceRoomActivity(
    (personId, roomId) => io.to(personRoom(personId)).emit('room:activity', { roomId }),
    online,
  );
  // With more than one node, the sharing cache compares version tokens kept in Redis.
  const versions = config.redisUrl && deps.redis ? redisSharingVersions(deps.redis, logger) : undefined;
  useSharingVersions(versions);
  // The sharing cache follows permission changes on every node; before the rooms' re-authorisation
  // (subscription order), so that reads afresh.
  // A change made on another node: this node's sockets' room grants are refreshed from a fresh context.
  const detachInvalidation = attachSharingInvalidation(io, redisAdapter !== undefined, (personId) => {
    refreshLocalGrants(io.of('/'), personId).catch((error: unknown) =>
      logger.warn({ err: error }, 'socket grant refresh failed'),
    );
  });
  // Rooms: handlers per socket, fan-out of messages, re-authorisation on permission changes.
  const detachRooms = attachRooms(io, { config, logger, redis: deps.redis });

  return {
    io,
    close() {
      clearInterval(timer);
      unsubscribe();
      offContent();
      offNotifications();
      offActivity();
      detachRooms();
      detachInvalidation();
      if (versions) useSharingVersions(undefined);
      // Not io.close(): that would also close the HTTP server, which main.ts drains itself. The
      // engine's connections close first and at once (a long-polling one would otherwise wait up to
      // 30 s for its next poll to carry the close); clients see the transport close and come back
      // with their reconnection back-off, to another node or to this one restarted.
      io.engine.close();
      io.disconnectSockets(true);
      void io.of('/').adapter.close();
      redisAdapter?.close();
    },
  };
}
