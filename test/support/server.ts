/**
 * A real server for socket tests: the app and Socket.IO on one HTTP server listening on
 * 127.0.0.1:0, with PUBLIC_URL set to the address it got (so Origin checks are real).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { createApp } from '../../server/app.js';
import { createSessionMiddleware } from '../../server/auth/sessions.js';
import type { Config } from '../../server/config.js';
import { createLogger } from '../../server/logger.js';
import { createRealtime, type Realtime } from '../../server/realtime.js';
import { testConfig } from './app.js';

/** A running test server. */
export interface TestServer {
  url: string;
  app: Express;
  config: Config;
  realtime: Realtime;
  close(): Promise<void>;
}

/** Starts the app and Socket.IO on a free local port. */
export async function startTestServer(
  overrides: Record<string, string> = {},
  checkIntervalMs = 200,
): Promise<TestServer> {
  let handler: http.RequestListener = (_req, res) => res.end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const config = testConfig({ PUBLIC_URL: url, ...overrides });
  const logger = createLogger(config.logLevel);
  const sessionMiddleware = createSessionMiddleware(config);
  const app = createApp({ config, logger, sessionMiddleware });
  handler = app;
  const realtime = createRealtime(server, { config, logger, sessionMiddleware, checkIntervalMs });
  return {
    url,
    app,
    config,
    realtime,
    async close() {
      realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
