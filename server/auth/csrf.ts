/**
 * CSRF protection for cookie sessions: every state-changing request of a signed-in session, and
 * every sign-in step, must echo the session's synchronizer token in `X-CSRF-Token`. Requests with a
 * bearer token are exempt: browsers never attach one by themselves.
 */
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ForbiddenError } from '../errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks the token; `alwaysFor(path)` names paths checked even without a signed-in session. */
export function requireCsrfToken(alwaysFor: (path: string) => boolean): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.headers.authorization !== undefined) return next();
    if (!req.session?.personId && !alwaysFor(req.path)) return next();
    const sent = req.headers['x-csrf-token'];
    const expected = req.session?.csrfToken;
    if (typeof sent === 'string' && expected && same(sent, expected)) return next();
    next(new ForbiddenError('Missing or wrong X-CSRF-Token header; get one from GET /api/v1/csrf.'));
  };
}
