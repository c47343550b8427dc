/**
 * The SCIM 2.0 service (RFC 7644) under /scim: /scim/v2 with the discovery endpoints, Users and
 * Groups. Order of checks, deliberate: body parsed and keys checked (400/413, no database work), the
 * bearer token (401; failures counted per address, 429 past the limit), the per-token rate limit
 * (429), then the route. Every answer, errors and unknown paths included, is `application/scim+json`
 * in the SCIM format; nothing here falls through to the web client or to problem+json.
 */
import express, {
  Router,
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.js';
import { AppError, MethodNotAllowedError, RateLimitedError, type ErrorCode } from '../../errors.js';
import { MAX_BODY_BYTES, resourceTypes, schemas, serviceProviderConfig } from '../../scim/discovery.js';
import { parseListQuery, parseSearchRequest, selectAttributes } from '../../scim/listQuery.js';
import { ScimError, errorBody, notFound, type ScimType } from '../../scim/scimError.js';
import { assertSafeKeys } from '../../scim/unsafeKeys.js';
import { authenticateScimToken } from '../../services/scim/authenticateScimToken.js';
import type { ScimContext } from '../../services/scim/scimContext.js';
import {
  createScimGroup,
  deleteScimGroup,
  getScimGroup,
  listScimGroups,
  patchScimGroup,
  replaceScimGroup,
} from '../../services/scim/scimGroups.js';
import {
  createScimUser,
  deleteScimUser,
  getScimUser,
  listScimUsers,
  patchScimUser,
  replaceScimUser,
} from '../../services/scim/scimUsers.js';
import { scimBaseUrl } from '../../services/scim/scimTokens.js';
import { addressKey } from '../rateLimit.js';
import { createScimLimits, ScimRateLimited } from './scimLimits.js';

const SCIM_TYPE = 'application/scim+json';
const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
/** The methods each SCIM path answers (HEAD with GET); any other path is 404, any other method 405. */
const PATHS: [RegExp, string[]][] = [
  [/^\/\.search\/?$/i, ['POST']],
  [/^\/(Users|Groups)\/\.search\/?$/i, ['POST']],
  [/^\/(ServiceProviderConfig|ResourceTypes|Schemas)(\/[^/]+)?\/?$/i, ['GET', 'HEAD']],
  [/^\/(Users|Groups)\/?$/i, ['GET', 'HEAD', 'POST']],
  [/^\/(Users|Groups)\/[^/]+\/?$/i, ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE']],
];

/** Sends a SCIM document. */
function send(res: Response, status: number, body: unknown): void {
  res.status(status).type(SCIM_TYPE).send(JSON.stringify(body));
}

function context(res: Response): ScimContext {
  return res.locals.scim as ScimContext;
}

type Handler = (req: Request, res: Response) => Promise<void>;

const run =
  (handler: Handler): RequestHandler =>
  (req, res, next) => {
    handler(req, res).catch(next);
  };

const STATUS: Record<ErrorCode, [number, ScimType | undefined]> = {
  invalid: [400, 'invalidValue'],
  unauthenticated: [401, undefined],
  forbidden: [403, undefined],
  not_found: [404, undefined],
  method_not_allowed: [405, undefined],
  conflict: [409, undefined],
  too_large: [413, undefined],
  rate_limited: [429, undefined],
  unavailable: [503, undefined],
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
}

/** Maps any error to a SCIM error message. */
export const scimErrorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) return next(error);
  res.setHeader('Cache-Control', 'no-store');
  if (error instanceof ScimRateLimited) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allowed.join(', '));
  if (error instanceof ScimError) {
    if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
    return send(res, error.status, errorBody(error));
  }
  if (error instanceof AppError) {
    const [status, scimType] = STATUS[error.code];
    return send(res, status, errorBody(new ScimError(status, error.message, scimType)));
  }
  const httpish = error as HttpishError;
  const status = httpish.status ?? httpish.statusCode;
  if (httpish.type === 'entity.too.large' || status === 413)
    return send(res, 413, errorBody(new ScimError(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`)));
  if (httpish.type === 'entity.parse.failed')
    return send(res, 400, errorBody(new ScimError(400, 'The body is not valid JSON.', 'invalidSyntax')));
  if (status && status >= 400 && status < 500)
    return send(res, 400, errorBody(new ScimError(400, 'The request could not be read.', 'invalidSyntax')));
  req.log.error({ err: error }, 'unhandled SCIM error');
  send(res, 500, errorBody(new ScimError(500, `Something went wrong. Quote request id ${String(req.id)}.`)));
};

/** Refuses a body that is not JSON (SCIM or plain) on a write, before parsing. */
const requireScimJson: RequestHandler = (req, _res, next) => {
  const hasBody =
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
    req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is([SCIM_TYPE, 'application/json']))
    return next(new ScimError(400, `Send the body as ${SCIM_TYPE}.`, 'invalidSyntax'));
  if (['POST', 'PUT', 'PATCH'].includes(req.method) && !hasBody)
    return next(new ScimError(400, 'The request needs a body.', 'invalidSyntax'));
  next();
};

/** The SCIM handlers to mount at /scim: the service, then its error handler. */
export function scimHandlers(config: Config, redis?: Redis): [Router, ErrorRequestHandler] {
  const limits = createScimLimits(config, redis);
  const router = Router({ caseSensitive: false, strict: false });
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const v2 = Router({ caseSensitive: false });
  // An unknown path is 404 and a method the path does not answer 405, before anything else: no body
  // is read and no token checked for a request that nothing serves.
  v2.use((req, res, next) => {
    const allowed = PATHS.find(([pattern]) => pattern.test(req.path))?.[1];
    if (!allowed) return next(new ScimError(404, `No SCIM endpoint at ${req.originalUrl.split('?')[0]}.`));
    if (!allowed.includes(req.method)) {
      res.setHeader('Allow', allowed.join(', '));
      return next(new ScimError(405, `${req.method} is not supported here.`));
    }
    next();
  });
  v2.use(requireScimJson);
  v2.use(express.json({ limit: MAX_BODY_BYTES, strict: true, type: [SCIM_TYPE, 'application/json'] }));
  v2.use((req, _res, next) => {
    try {
      assertSafeKeys(req.body, req.query);
      next();
    } catch (error) {
      next(error);
    }
  });
  const authenticate = async (req: Request, res: Response) => {
    const match = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
    const ctx = match?.[1] ? await authenticateScimToken(match[1], config) : null;
    if (!ctx) {
      await limits.failedAuth(addressKey(req.ip));
      throw new ScimError(401, 'A valid bearer token is required.');
    }
    await limits.perToken(ctx.tokenId);
    res.locals.scim = ctx;
  };
  v2.use((req, res, next) => {
    authenticate(req, res).then(() => next(), next);
  });

  const baseUrl = scimBaseUrl(config);
  v2.get('/ServiceProviderConfig', (_req, res) => send(res, 200, serviceProviderConfig(baseUrl)));
  v2.get('/ResourceTypes', (_req, res) => {
    const types = resourceTypes(baseUrl);
    send(res, 200, {
      schemas: [LIST_SCHEMA],
      totalResults: types.length,
      itemsPerPage: types.length,
      startIndex: 1,
      Resources: types,
    });
  });
  v2.get('/ResourceTypes/:id', (req, res, next) => {
    const found = resourceTypes(baseUrl).find((t) => t.id === req.params.id);
    if (!found) return next(notFound('Resource type'));
    send(res, 200, found);
  });
  v2.get('/Schemas', (_req, res) => {
    const list = schemas(baseUrl);
    send(res, 200, {
      schemas: [LIST_SCHEMA],
      totalResults: list.length,
      itemsPerPage: list.length,
      startIndex: 1,
      Resources: list,
    });
  });
  v2.get('/Schemas/:id', (req, res, next) => {
    const found = schemas(baseUrl).find((s) => s.id === req.params.id);
    if (!found) return next(notFound('Schema'));
    send(res, 200, found);
  });

  // Searching several resource types at once is not offered (RFC 7644 §3.4.3 allows 501).
  v2.post('/.search', (_req, _res, next) =>
    next(new ScimError(501, 'Search each resource type: POST /Users/.search or /Groups/.search.')),
  );
  v2.post(
    '/Users/.search',
    run(async (req, res) => send(res, 200, await listScimUsers(context(res), parseSearchRequest(req.body)))),
  );
  v2.post(
    '/Groups/.search',
    run(async (req, res) => send(res, 200, await listScimGroups(context(res), parseSearchRequest(req.body)))),
  );

  const id = (req: Request) => String(req.params.id);
  v2.get(
    '/Users',
    run(async (req, res) => send(res, 200, await listScimUsers(context(res), parseListQuery(req.query)))),
  );
  v2.post(
    '/Users',
    run(async (req, res) => {
      const user = await createScimUser(context(res), req.body);
      res.setHeader('Location', (user.meta as { location: string }).location);
      send(res, 201, user);
    }),
  );
  v2.get(
    '/Users/:id',
    run(async (req, res) => {
      const q = parseListQuery(req.query);
      send(
        res,
        200,
        selectAttributes(await getScimUser(context(res), id(req)), q.attributes, q.excludedAttributes),
      );
    }),
  );
  v2.put(
    '/Users/:id',
    run(async (req, res) => send(res, 200, await replaceScimUser(context(res), id(req), req.body))),
  );
  v2.patch(
    '/Users/:id',
    run(async (req, res) => send(res, 200, await patchScimUser(context(res), id(req), req.body))),
  );
  v2.delete(
    '/Users/:id',
    run(async (req, res) => {
      await deleteScimUser(context(res), id(req));
      res.status(204).end();
    }),
  );

  v2.get(
    '/Groups',
    run(async (req, res) => send(res, 200, await listScimGroups(context(res), parseListQuery(req.query)))),
  );
  v2.post(
    '/Groups',
    run(async (req, res) => {
      const group = await createScimGroup(context(res), req.body);
      res.setHeader('Location', (group.meta as { location: string }).location);
      send(res, 201, group);
    }),
  );
  v2.get(
    '/Groups/:id',
    run(async (req, res) =>
      send(res, 200, await getScimGroup(context(res), id(req), parseListQuery(req.query))),
    ),
  );
  v2.put(
    '/Groups/:id',
    run(async (req, res) => send(res, 200, await replaceScimGroup(context(res), id(req), req.body))),
  );
  v2.patch(
    '/Groups/:id',
    run(async (req, res) => send(res, 200, await patchScimGroup(context(res), id(req), req.body))),
  );
  v2.delete(
    '/Groups/:id',
    run(async (req, res) => {
      await deleteScimGroup(context(res), id(req));
      res.status(204).end();
    }),
  );

  router.use('/v2', v2);
  router.use((req, _res, next) =>
    next(new ScimError(404, `No SCIM endpoint at ${req.originalUrl.split('?')[0]}.`)),
  );
  return [router, scimErrorHandler];
}
