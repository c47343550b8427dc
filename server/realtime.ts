/**
 * The Socket.IO server on the same HTTP server as the app. A socket is accepted only from our own
 * origin (PUBLIC_URL: no cross-site WebSocket hijacking) and only with a signed-in session cookie
 * (the express-session middleware runs on the engine). Each socket joins `session:<id>` and
 * `person:<id>`; when sessions end (sign-out, sign-out everywhere, suspension, expiry) their sockets
 * are disconnected at once. Reconnection and connection-state recovery re-run the same checks.
 */
import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Session, SessionData } from 'express-session';
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
import { onSessionsEnded } from './auth/sessionEvents.js';
import { PersonModel } from './models/Person.js';
import { SessionModel } from './models/Session.js';
import './auth/sessionData.js';
import { contentEvents, type ContentEvent } from './services/contentEvents.js';
import type { RoomEmitter } from './sockets/broadcast.js';
import { deliverContentEvent } from './sockets/deliverContentEvent.js';
import { attachRooms } from './sockets/rooms.js';
import type { Redis } from 'ioredis';

type SessionRequest = IncomingMessage & { session?: Session & Partial<SessionData>; sessionID?: string };
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

/** Starts Socket.IO on the HTTP server. */
export function createRealtime(server: http.Server, deps: RealtimeDependencies): Realtime {
  const { config, logger, sessionMiddleware } = deps;
  const origins = allowedOrigins(config);
  const io: RealtimeServer = new Server(server, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, typeof origin === 'string' && origins.has(origin));
    },
  });
  io.engine.use(sessionMiddleware);

  io.use((socket, next) => {
    const req = socket.request as SessionRequest;
    const session = req.session;
    const personId = session?.personId;
    if (!personId || !req.sessionID || pastAbsoluteLimit(session.signedInAt, config))
      return next(new Error('unauthorized'));
    PersonModel.findById(personId, { status: 1 })
      .lean()
      .then((person) => {
        if (!person || person.status !== 'active') return next(new Error('unauthorized'));
        socket.data.personId = personId;
        socket.data.sessionId = req.sessionID as string;
        next();
      })
      .catch(() => next(new Error('unavailable')));
  });

  io.on('connection', (socket: RealtimeSocket) => {
    void socket.join([`session:${socket.data.sessionId}`, `person:${socket.data.personId}`]);
    socket.on('session:whoami', (ack) => {
      if (typeof ack === 'function') ack({ ok: true, data: { personId: socket.data.personId } });
    });
  });

  const end = (room: string, reason: 'signed_out' | 'expired') => {
    io.to(room).emit('session:ended', { reason });
    io.in(room).disconnectSockets(true);
  };
  const unsubscribe = onSessionsEnded((ended) => {
    end('sessionId' in ended ? `session:${ended.sessionId}` : `person:${ended.personId}`, 'signed_out');
  });

  // Sessions also end by time (idle or absolute): re-check the open sockets' sessions regularly.
  const timer = setInterval(() => {
    const sessionIds = [...new Set([...io.of('/').sockets.values()].map((s) => s.data.sessionId))];
    if (sessionIds.length === 0) return;
    SessionModel.find({ _id: { $in: sessionIds }, expires: { $gt: new Date() } }, { _id: 1, data: 1 })
      .lean()
      .then((alive) => {
        const valid = new Set(
          alive
            .filter(
              (s) => !pastAbsoluteLimit((JSON.parse(s.data) as { signedInAt?: number }).signedInAt, config),
            )
            .map((s) => s._id),
        );
        for (const id of sessionIds) if (!valid.has(id)) end(`session:${id}`, 'expired');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'socket session check failed'));
  }, deps.checkIntervalMs ?? 10_000);
  timer.unref();

  // Content events from the services reach open sockets through the policy: each person's room gets
  // only what that person may read now, and a removal for what they may no longer see.
  const rooms: RoomEmitter = {
    to: (room) => ({
      emit: (event, payload) => io.to(room).emit(event as 'post:removed', payload as { id: string }),
    }),
  };
  const onContent = (event: ContentEvent) => {
    deliverContentEvent(rooms, event).catch((error: unknown) =>
      logger.warn({ err: error }, 'content delivery failed'),
    );
  };
  contentEvents.on('content', onContent);
  // Rooms: handlers per socket, fan-out of messages, re-authorisation on permission changes.
  const detachRooms = attachRooms(io, { config, logger, redis: deps.redis });

  return {
    io,
    close() {
      clearInterval(timer);
      unsubscribe();
      contentEvents.off('content', onContent);
      detachRooms();
      // Not io.close(): that would also close the HTTP server, which main.ts drains itself.
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
