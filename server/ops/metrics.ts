/** Prometheus metrics: process defaults plus request counts and latencies by route. */
import type { RequestHandler } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The metrics of one app, with the middleware that records requests. */
export interface Metrics {
  registry: Registry;
  record: RequestHandler;
}

/** Creates a registry of its own, so that several apps in one process (tests) do not clash. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'concordia_' });
  const requests = new Counter({
    name: 'concordia_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'concordia_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const record: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // The matched route pattern keeps label cardinality bounded; unmatched paths share one label.
      const noted = res.locals.routePattern as string | undefined;
      const routePath = (req.route as { path?: unknown } | undefined)?.path;
      const route = noted ?? (typeof routePath === 'string' ? routePath : 'unmatched');
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
    });
    next();
  };
  return { registry, record };
}
