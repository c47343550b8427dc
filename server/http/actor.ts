/**
 * Resolves the actor of each request, from a bearer API token or from the signed-in session.
 * No credentials give the anonymous actor. A bad credential is refused rather than downgraded to
 * anonymous: a bad token, a session cookie naming no live session (expired, ended, forged), a session
 * past its absolute lifetime, or a session of a person who is no longer active answer 401 (and such
 * a session is ended, its cookie cleared).
 */
import type { Request, RequestHandler } from 'express';
import { ANONYMOUS, type Actor } from '../../shared/policy/actor.js';
import type { Config } from '../config.js';
import { destroySession, pastAbsoluteLimit, SESSION_COOKIE } from '../auth/sessions.js';
import { actorFromApiToken } from '../services/tokens/apiTokens.js';
import { loadActivePersonActor } from '../policy/personActor.js';
import { UnauthenticatedError } from '../errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Who is acting; set for every request before any route runs. */
    actor: Actor;
  }
}

/** True when the request carries a session cookie that names no live session (expired, ended or forged). */
function staleSessionCookie(req: Request): boolean {
  const raw = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (!raw) return false;
  let value: string;
  try {
    value = decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1));
  } catch {
    return true;
  }
  const sid = value.startsWith('s:') ? value.slice(2, value.lastIndexOf('.')) : null;
  return sid !== req.sessionID;
}

async function actorFromSession(req: Request, config: Config): Promise<Actor> {
  const personId = req.session?.personId;
  if (!personId) {
    if (!staleSessionCookie(req)) return ANONYMOUS;
    // Refused once, with the cookie cleared, so the next request is simply anonymous.
    req.res?.clearCookie(SESSION_COOKIE, { path: '/' });
    throw new UnauthenticatedError('Your session has ended; sign in again.');
  }
  if (pastAbsoluteLimit(req.session.signedInAt, config)) {
    await destroySession(req);
    throw new UnauthenticatedError('Your session has ended; sign in again.');
  }
  const actor = await loadActivePersonActor(personId);
  if (!actor) {
    await destroySession(req);
    throw new UnauthenticatedError('Your account is not active; your session has ended.');
  }
  return actor;
}

/** Builds the middleware that sets `req.actor`. */
export function createActorResolver(config: Config): RequestHandler {
  return (req, _res, next) => {
    req.actor = ANONYMOUS;
    const header = req.headers.authorization;
    let resolving: Promise<Actor>;
    if (header === undefined) resolving = actorFromSession(req, config);
    else {
      const match = /^Bearer ([A-Za-z0-9_-]{1,100})$/.exec(header);
      if (!match?.[1]) return next(new UnauthenticatedError('Use "Authorization: Bearer <API token>".'));
      resolving = actorFromApiToken(match[1]);
    }
    resolving
      .then((actor) => {
        req.actor = actor;
        next();
      })
      .catch(next);
  };
}
