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

const ERRORS: Record<number, string> = {
  400: 'Invalid input',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  429: 'Rate limited',
};

/** The OpenAPI description of a route, for the registry. */
export function openApiPath(route: AnyRoute, prefix: string): RouteConfig {
  const problem = { content: { 'application/problem+json': { schema: Problem } } };
  // 401 is possible everywhere: a bad or expired credential is refused, never downgraded to anonymous.
  const errorCodes = [
    400,
    401,
    404,
    413,
    429,
    ...(route.access === 'public' ? [] : [403]),
    ...(route.method === 'get' ? [] : [409]),
  ];
  return {
    method: route.method,
    path: prefix + route.path.replace(/:([A-Za-z]+)/g, '{$1}'),
    summary: route.summary,
    tags: [route.tag],
    ...(route.access === 'public' ? { security: [] } : {}),
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
      ...Object.fromEntries(
        errorCodes
          .sort((a, b) => a - b)
          .map((code) => [code, { description: ERRORS[code] ?? 'Error', ...problem }]),
      ),
    },
  };
}
