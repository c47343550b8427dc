/**
 * Declarative API routes: one definition gives the Express handler (input parsed with the shared zod
 * schemas, actor taken from the request) and its OpenAPI entry, so the document lists every route.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import type { Actor } from '../../shared/policy/actor.js';
import { Problem } from '../../shared/schemas/common.js';
import { InvalidError, MethodNotAllowedError, UnauthenticatedError } from '../errors.js';
import { fieldErrors } from './problem.js';

type AnyObject = z.ZodObject<z.ZodRawShape>;

/** Who may call a route, for the documentation (the service decides). */
export type Access = 'public' | 'members' | 'admin';

/** A route: its input schemas, its success response, and the handler that calls one service. */
export interface RouteDefinition<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express-style path below /api/v1, e.g. `/cities/:city`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  status?: 200 | 201 | 202;
  response: R;
  /** Extra middleware, e.g. a stricter rate limit. */
  before?: RequestHandler[];
  handler: (input: {
    params: z.infer<P>;
    query: z.infer<Q>;
    body: z.infer<B>;
    actor: Actor;
    req: Request;
    res: Response;
  }) => Promise<z.infer<R>>;
}

/** A route with its types erased, for lists of routes. */
export type AnyRoute = RouteDefinition<AnyObject, AnyObject, z.ZodType, z.ZodType>;

/** Declares a route with full type inference. */
export function defineRoute<
  P extends AnyObject,
  Q extends AnyObject,
  B extends z.ZodType,
  R extends z.ZodType,
>(route: RouteDefinition<P, Q, B, R>): AnyRoute {
  return route as unknown as AnyRoute;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return {} as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const errors = fieldErrors(result.error).map((e) => ({ ...e, path: `${where}.${e.path}` }));
    throw new InvalidError(`The ${where} does not match the expected shape.`, errors);
  }
  return result.data;
}

/**
 * Mounts routes on a router mounted at `prefix`; each request notes its route pattern for metrics.
 * A known path asked with another method gets 405 with an Allow header.
 */
export function mountRoutes(router: Router, routes: AnyRoute[], prefix: string): void {
  const methodsByPath = new Map<string, string[]>();
  for (const route of routes)
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method.toUpperCase()]);
  for (const route of routes) {
    const pattern = prefix + route.path;
    const note: RequestHandler = (_req, res, next) => {
      res.locals.routePattern = pattern;
      next();
    };
    const handler: RequestHandler = async (req, res) => {
      // Fail closed early: callers of non-public routes must sign in before their input is even read.
      // The service still makes every permission decision.
      if (route.access !== 'public' && req.actor.kind === 'anonymous') throw new UnauthenticatedError();
      const params = parse(route.params, req.params, 'path');
      const query = parse(route.query, req.query, 'query');
      const body = route.body ? parse(route.body, req.body, 'body') : undefined;
      const result = await route.handler({ params, query, body, actor: req.actor, req, res });
      res.status(route.status ?? 200).json(result);
    };
    router[route.method](route.path, note, ...(route.before ?? []), handler);
  }
  for (const [path, methods] of methodsByPath) {
    const allowed = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    router.all(path, () => {
      throw new MethodNotAllowedError(allowed);
    });
  }
}

/** What each refusal means, for the document; the order of the checks is in docs/API.md. */
export const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: a `$`, dotted or prototype key, malformed JSON, or input that does not match the schema (`errors` names the fields), or a refusal with a stable `code`',
  401: 'Sign-in required, or a bad credential (unknown token, ended session): never treated as anonymous',
  403: 'Forbidden: the policy refuses, or a signed-in browser session sent a write without the right `X-CSRF-Token` header (get it from GET /api/v1/csrf)',
  404: 'Not found, or not available to you',
  409: 'Conflict with the current state',
  413: 'The body is larger than BODY_LIMIT',
  415: 'The body is not application/json',
  429: 'Rate limited: per address before sign-in, per person after; wait Retry-After seconds',
  500: 'Internal error: nothing is revealed but a request id',
};

/** The problem+json answer of `code`, with Retry-After for 429. */
export function problemResponse(code: number) {
  return {
    description: ERROR_DESCRIPTIONS[code] ?? 'Error',
    content: { 'application/problem+json': { schema: Problem } },
    ...(code === 429
      ? {
          headers: {
            'Retry-After': {
              description: 'Seconds to wait before trying again',
              schema: { type: 'integer' as const, minimum: 1 },
            },
          },
        }
      : {}),
  };
}

/**
 * Every status a route can answer besides success, from what its definition says: any route may meet
 * malformed input, a bad credential, a missing resource, the rate limits and an internal error;
 * non-public routes and every write (CSRF) may be forbidden; writes may conflict and carry a body
 * that is too large or not JSON.
 */
export function errorStatuses(route: Pick<AnyRoute, 'access' | 'method'>): number[] {
  const write = route.method !== 'get';
  return [
    400,
    401,
    ...(route.access !== 'public' || write ? [403] : []),
    404,
    ...(write ? [409, 413, 415] : []),
    429,
    500,
  ];
}

/** How a signed-in caller reads: an API token, or a session cookie. */
export const SIGNED_IN_READ: Record<string, string[]>[] = [{ apiToken: [] }, { session: [] }];

/** How a signed-in caller writes: an API token, or a session cookie with its CSRF token. */
export const SIGNED_IN_WRITE: Record<string, string[]>[] = [{ apiToken: [] }, { session: [], csrfToken: [] }];

/** The OpenAPI description of a route, for the registry. */
export function openApiPath(route: AnyRoute, prefix: string): RouteConfig {
  return {
    method: route.method,
    path: prefix + route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
    summary: route.summary,
    tags: [route.tag],
    security: route.access === 'public' ? [] : route.method === 'get' ? SIGNED_IN_READ : SIGNED_IN_WRITE,
    description: `Access: ${route.access}.`,
    request: {
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body
        ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
        : {}),
    },
    responses: {
      [route.status ?? 200]: {
        description: 'Success',
        content: { 'application/json': { schema: route.response } },
      },
      ...Object.fromEntries(errorStatuses(route).map((code) => [code, problemResponse(code)])),
    },
  };
}
