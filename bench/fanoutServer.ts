/**
 * Our side of `bench/fanout.ts`: the real app and realtime server on one HTTP server, with people
 * signed in. Creating a thousand people through the sign-in routes would measure sign-in, not
 * fan-out, so people and their sessions are inserted in bulk exactly as the session store writes them
 * (server/auth/sessionStore.ts) and the cookies are signed as express-session signs them; every
 * socket still goes through the real handshake (Origin, cookie, session, person) and `room:join`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/app.js';
import { SESSION_COOKIE, createSessionMiddleware } from '../server/auth/sessions.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { PersonModel } from '../server/models/Person.js';
import { SessionModel } from '../server/models/Session.js';
import { createRealtime } from '../server/realtime.js';
import { createBenchRoom } from './fanoutRoom.js';

/** A server under test: where it listens, the room to join, and cookies for n members + a sender. */
export interface BenchServer {
  url: string;
  roomId: string;
  /** n + 1 cookies: the sender's first. */
  cookies(n: number): string[];
  close(): Promise<void>;
}

const SECRET = 'fanout-bench-session-secret-0123456789abcdef';

/** express-session's cookie value: `s:` + id + `.` + HMAC-SHA256 (cookie-signature), URI-encoded. */
function signedCookie(sid: string): string {
  const mac = createHmac('sha256', SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `${SESSION_COOKIE}=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

const elapsed = (started: number) => `${Math.round(performance.now() - started)} ms`;

/** Starts our server with `people` signed-in people, all able to join one room. */
export async function startOurServer(
  dataDir: string,
  people: number,
  log: (line: string) => void,
): Promise<BenchServer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    AUDIT_KEY: randomBytes(32).toString('base64url'),
    PUBLIC_URL: url,
    SESSION_SECRET: SECRET,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
    // One sender at BENCH_RATE messages/s is far above a person's flood limit (2/s by default): the
    // limiter still runs on every send, with room for the load.
    ROOM_MESSAGES_PER_PERSON_PER_10S: '100000000',
    ROOM_MESSAGES_PER_ROOM_PER_10S: '100000000',
  });
  const logger = createLogger('silent');
  const sessionMiddleware = createSessionMiddleware(config);
  const app = createApp({ config, logger, sessionMiddleware });
  server.on('request', app);
  const realtime = createRealtime(server, { config, logger, sessionMiddleware });

  const room = await createBenchRoom();
  let started = performance.now();
  const persons = await PersonModel.insertMany(
    Array.from({ length: people }, (_, i) => ({
      name: `Bench Person ${i}`,
      email: `bench${i}@bench.example`,
      cityId: room.cityId,
      roles: ['practitioner'],
      languages: ['en'],
      status: 'active',
    })),
    { lean: true },
  );
  log(`${people} people inserted in ${elapsed(started)}`);

  started = performance.now();
  const now = Date.now();
  const expires = new Date(now + config.session.idleMinutes * 60_000);
  const sessions = persons.map((person) => {
    const sid = randomBytes(24).toString('base64url');
    const data = {
      cookie: {
        originalMaxAge: config.session.idleMinutes * 60_000,
        expires: expires.toISOString(),
        secure: true,
        httpOnly: true,
        path: '/',
        sameSite: 'lax',
      },
      personId: String(person._id),
      signedInAt: now,
      method: 'local',
      csrfToken: randomBytes(32).toString('base64url'),
    };
    return { _id: sid, personId: String(person._id), idp: null, expires, data: JSON.stringify(data) };
  });
  await SessionModel.insertMany(sessions, { lean: true });
  log(`${people} sessions inserted in ${elapsed(started)}`);
  const cookies = sessions.map((s) => signedCookie(s._id));

  return {
    url,
    roomId: room.roomId,
    cookies: (n) => cookies.slice(0, n + 1),
    async close() {
      realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
