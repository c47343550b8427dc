/**
 * Cookie sessions: express-session on the MongoDB store, cookie `concordia.sid` (httpOnly,
 * SameSite=Lax, Secure in production), rolling idle time-out, absolute time-out from sign-in,
 * a new session id at every sign-in, and a CSRF synchronizer token per session.
 */
import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Config } from '../config.js';
import { MongoSessionStore } from './sessionStore.js';
import { announceSessionsEnded } from './sessionEvents.js';
import type { SignInMethod } from './sessionData.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'concordia.sid';

/** Builds the session middleware (also applied to Socket.IO's engine). */
export function createSessionMiddleware(config: Config): RequestHandler {
  const idleMs = config.session.idleMinutes * 60_000;
  const middleware = session({
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    store: new MongoSessionStore(idleMs),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    proxy: config.trustProxy !== false,
    cookie: {
      httpOnly: true,
      secure: config.env === 'production',
      sameSite: 'lax',
      maxAge: idleMs,
      path: '/',
    },
  });
  // A store that failed to read (the database, for a moment) leaves `req.sessionID` without a
  // session; at the end of the error's response express-session would then destroy the stored
  // session (`unset: 'destroy'`), signing its person out for a passing failure. Without the id it
  // leaves the session alone, and the person's next request reads it again.
  return (req, res, next) => {
    void middleware(req, res, (error?: unknown) => {
      if (error) Reflect.deleteProperty(req, 'sessionID');
      next(error);
    });
  };
}

/** A fresh random CSRF token. */
export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a signed-in session is past its absolute lifetime. */
export function pastAbsoluteLimit(signedInAt: number | undefined, config: Config, now = Date.now()): boolean {
  return signedInAt === undefined || now - signedInAt >= config.session.absoluteHours * 3_600_000;
}

/** What a new signed-in session records. */
export interface SignInRecord {
  personId: string;
  method: SignInMethod;
  saml?: { idp: string; nameId: string; nameIdFormat: string | null; sessionIndex: string | null };
}

/**
 * Moves the request to a new, empty session (no fixation). A signed-in session it replaces has ended:
 * it is announced, so its sockets close at once.
 */
async function regenerateSession(req: Request): Promise<void> {
  const oldId = req.session?.personId ? req.sessionID : null;
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((e: unknown) => (e ? reject(e) : resolve())),
  );
  if (oldId) announceSessionsEnded({ sessionId: oldId });
}

/** Starts a signed-in session under a new id (the old one, if any, is discarded: no fixation). */
export async function beginSession(req: Request, record: SignInRecord): Promise<void> {
  await regenerateSession(req);
  req.session.personId = record.personId;
  req.session.signedInAt = Date.now();
  req.session.method = record.method;
  if (record.saml) req.session.saml = record.saml;
  req.session.csrfToken = newCsrfToken();
  await new Promise<void>((resolve, reject) => req.session.save((e: unknown) => (e ? reject(e) : resolve())));
}

/** Starts a half-signed-in session (password passed, second factor pending) under a new id. */
export async function beginPendingSecondFactor(
  req: Request,
  personId: string,
  enrol: boolean,
  enrolKind: 'any' | 'webauthn' = 'any',
): Promise<void> {
  await regenerateSession(req);
  req.session.pendingSecondFactor = { personId, at: Date.now(), enrol, ...(enrol ? { enrolKind } : {}) };
  req.session.csrfToken = newCsrfToken();
  await new Promise<void>((resolve, reject) => req.session.save((e: unknown) => (e ? reject(e) : resolve())));
}

/** Ends the request's session (sign-out) and disconnects its sockets. */
export async function destroySession(req: Request): Promise<void> {
  const id = req.sessionID;
  if (!req.session) return;
  await new Promise<void>((resolve, reject) =>
    req.session.destroy((e: unknown) => (e ? reject(e) : resolve())),
  );
  req.res?.clearCookie(SESSION_COOKIE, { path: '/' });
  announceSessionsEnded({ sessionId: id });
}
