/**
 * Resolves the actor of each request: a valid bearer API token gives its person; no credentials give
 * the anonymous actor; a bad token is refused rather than downgraded to anonymous.
 * (Sessions from sign-in are added by the identity capability through the same `req.actor`.)
 */
import type { RequestHandler } from 'express';
import { ANONYMOUS, type Actor } from '../../shared/policy/actor.js';
import { actorFromApiToken } from '../services/tokens/apiTokens.js';
import { UnauthenticatedError } from '../services/errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who is acting; set for every request before any route runs. */
    actor: Actor;
  }
}

/** Sets `req.actor`. */
export const resolveActor: RequestHandler = (req, _res, next) => {
  req.actor = ANONYMOUS;
  const header = req.headers.authorization;
  if (header === undefined) return next();
  const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header);
  if (!match?.[1]) return next(new UnauthenticatedError('Use "Authorization: Bearer <API token>".'));
  actorFromApiToken(match[1])
    .then((actor) => {
      req.actor = actor;
      next();
    })
    .catch(next);
};
