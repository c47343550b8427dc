/**
 * One log entry per request: method, path (no query string: it may hold search terms), status, time
 * and request id, never a header, cookie or body. Answered requests log at debug, server errors at
 * error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const UNLOGGED = new Set(['/healthz', '/readyz']);

/** The path of a request as the client asked for it, without its query string. */
function pathOf(req: IncomingMessage): string {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  return url.split('?', 1)[0] ?? '';
}

/** What the request entry holds (pino-http binds the request id as `reqId`). */
function summary(req: IncomingMessage, res: ServerResponse, ms: number) {
  return { method: req.method, path: pathOf(req), status: res.statusCode, ms };
}

/**
 * The request-logging middleware. A request id from the client (`X-Request-Id`) is kept only when
 * `trustProxy` says a proxy sets it; otherwise a new one is made. Either way it is sent back.
 */
export function requestLog(logger: Logger, trustProxy: unknown): RequestHandler {
  return pinoHttp({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { responseTime: 'ms' },
    genReqId: (req, res) => {
      const given = trustProxy === false ? undefined : req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    autoLogging: { ignore: (req) => UNLOGGED.has(pathOf(req)) },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'debug'),
    customSuccessObject: (req, res, value: { ms: number }) => summary(req, res, value.ms),
    customSuccessMessage: (req, res, ms) => `${req.method} ${pathOf(req)} ${res.statusCode} ${ms} ms`,
    // The error itself is logged once, with its stack, by the problem handler (same request id).
    customErrorObject: (req, res, _err, value: { ms: number }) => summary(req, res, value.ms),
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode} failed`,
  });
}
