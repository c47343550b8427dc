/**
 * Guards that run before any route: JSON bodies only (415), and no `$`-prefixed or dotted keys anywhere in
 * a body or query, so operator injection is refused at the door (zod and Mongoose's sanitizeFilter
 * stand behind this).
 */
import type { RequestHandler } from 'express';
import { InvalidError } from '../errors.js';
import { PROTOTYPE_KEYS, findUnsafeKey } from '../text/unsafeKeys.js';
import { UnsupportedMediaTypeError } from './problem.js';

/** The API's rule: `$` keys, dotted keys and the prototype keys. */
const unsafeInApi = (key: string) => key.startsWith('$') || key.includes('.') || PROTOTYPE_KEYS.has(key);

/** Refuses bodies and queries that carry `$`-keys, dotted keys or prototype keys. */
export const rejectUnsafeKeys: RequestHandler = (req, _res, next) => {
  const inBody = findUnsafeKey(req.body, unsafeInApi, 20);
  const inQuery = findUnsafeKey(req.query, unsafeInApi, 20);
  const bad = inBody ?? inQuery;
  if (bad)
    return next(
      new InvalidError(`The key "${bad}" is not allowed.`, [
        { path: bad, message: 'keys may not start with $ or contain dots' },
      ]),
    );
  next();
};

/** The byte-stream routes and the one body type each takes (documents and resumable uploads). */
const BINARY_BODIES: [method: string, path: RegExp, type: string][] = [
  ['POST', /^\/spaces\/[^/]+\/documents$/, 'multipart/form-data'],
  ['POST', /^\/documents\/[^/]+\/versions$/, 'multipart/form-data'],
  ['PATCH', /^\/uploads\/[^/]+$/, 'application/offset+octet-stream'],
];

/** Whether the request is a file upload in the one body type its route takes. */
function isFileBody(req: Parameters<RequestHandler>[0]): boolean {
  return BINARY_BODIES.some(
    ([method, path, type]) => req.method === method && path.test(req.path) && req.is(type) !== false,
  );
}

/** Refuses state-changing requests whose body is not JSON with 415 (file uploads take their own type). */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0';
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (isFileBody(req)) return next();
  if (
    ['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) &&
    (hasBody || chunked) &&
    !req.is('application/json')
  ) {
    return next(new UnsupportedMediaTypeError());
  }
  next();
};
