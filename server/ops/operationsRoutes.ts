/**
 * Operations endpoints: /healthz (the process is up), /readyz (the database answers and the server is
 * not shutting down), /metrics (Prometheus; a bearer token, or loopback clients only).
 */
import { timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { databaseReachable } from '../db/connect.js';
import { ForbiddenError } from '../errors.js';
import type { Metrics } from './metrics.js';

/** What readiness depends on besides the database. */
export interface ReadinessState {
  shuttingDown: boolean;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The operations router. Without a metrics token, /metrics answers loopback clients only, and never in
 * production, where a reverse proxy on the same host would make every client look like loopback.
 */
export function operationsRoutes(
  metrics: Metrics,
  metricsToken: string | undefined,
  state: ReadinessState,
  production: boolean,
): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const database = !state.shuttingDown && (await databaseReachable());
    res
      .status(database ? 200 : 503)
      .json({ status: database ? 'ready' : 'unavailable', database: database ? 'ok' : 'unreachable' });
  });
  router.get('/metrics', async (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const allowed = metricsToken
      ? sameSecret(header, `Bearer ${metricsToken}`)
      : !production && LOOPBACK.has(req.socket.remoteAddress ?? '');
    if (!allowed) return next(new ForbiddenError('Metrics need the metrics token.'));
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/** Adds the operations endpoints to the OpenAPI document. */
export function documentOperations(registry: OpenAPIRegistry): void {
  const ok = (schema: z.ZodType) => ({ description: 'Success', content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'The process is up',
    tags: ['Operations'],
    security: [],
    responses: { 200: ok(z.object({ status: z.literal('ok') })) },
  });
  const readiness = z.object({
    status: z.enum(['ready', 'unavailable']),
    database: z.enum(['ok', 'unreachable']),
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'The database answers',
    tags: ['Operations'],
    security: [],
    responses: {
      200: ok(readiness),
      503: { description: 'Not ready', content: { 'application/json': { schema: readiness } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (metrics token, or loopback only)',
    tags: ['Operations'],
    responses: {
      200: {
        description: 'Metrics in the Prometheus text format',
        content: { 'text/plain': { schema: z.string() } },
      },
      403: { description: 'Not allowed' },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document',
    tags: ['Operations'],
    security: [],
    responses: {
      200: {
        description: 'The OpenAPI 3.1 document',
        content: { 'application/json': { schema: z.object({}).passthrough() } },
      },
    },
  });
}
