/**
 * What a socket's handshake keeps of the HTTP session: who signed in, which session, and when.
 * Socket.IO keeps the handshake's HTTP request for the connection's whole life, and express-session
 * hangs on it the session (data, cookie), the store, the session id and a parsed URL; thousands of
 * idle sockets kept all of that (see bench/README.md, memory). The session middleware runs on the
 * handshake request only ({@link handshakeSession}: Engine.IO's later polls and its upgrade carry
 * the connection's id and need no session), which then takes the three facts the realtime server
 * needs and lets go of the rest, its response wrappers included. So no Engine.IO request
 * refreshes the cookie or touches the session: a socket does not extend the idle time-out (a
 * WebSocket never did, its response is never ended; long polling did at every poll).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Session, SessionData } from 'express-session';

/** The signed-in session behind a handshake. */
export interface HandshakeSession {
  personId: string;
  sessionId: string;
  signedInAt: number | undefined;
}

type SessionRequest = IncomingMessage & {
  session?: Session & Partial<SessionData>;
  sessionID?: string;
  sessionStore?: unknown;
  _parsedUrl?: unknown;
};

/** An Engine.IO request's query, parsed by Engine.IO before any middleware. */
type EngineRequest = IncomingMessage & { _query?: { sid?: string } };

/** Kept per request until the socket has been accepted or refused (requests are never keys for long). */
const kept = new WeakMap<IncomingMessage, HandshakeSession>();

/** Keeps the handshake's signed-in session (if any) and drops express-session's objects from the request. */
function keepAndRelease(request: SessionRequest): void {
  const personId = request.session?.personId;
  if (personId && request.sessionID)
    kept.set(request, { personId, sessionId: request.sessionID, signedInAt: request.session?.signedInAt });
  // Without `sessionID` express-session leaves the stored session alone at the end of a polling
  // response (with `unset: 'destroy'` it destroys a session whose `req.session` is gone).
  // In the reverse of the order express-session added them (parsed URL, store, id, session): V8
  // undoes a delete of the last-added property by stepping back to the object's previous shape, and
  // so does Engine.IO's own delete of its response headers after ours. Any other delete turns the
  // request into a slow dictionary-mode object (1.6 KiB per socket, kept for the connection's life).
  delete request.session;
  delete request.sessionID;
  delete request.sessionStore;
  delete request._parsedUrl;
}

/** The response methods express-session wraps, and whether each was the response's own before. */
type WrappedMethods = { name: 'end' | 'writeHead'; own: boolean; method: unknown }[];

/** Notes the methods express-session is about to wrap, in the order it wraps them. */
function noteMethods(res: ServerResponse): WrappedMethods {
  return (['writeHead', 'end'] as const).map((name) => ({
    name,
    own: Object.hasOwn(res, name),
    method: res[name],
  }));
}

/**
 * Puts back the response's methods once the session has been released (express-session's wrappers
 * then only call through). A WebSocket handshake's response (Engine.IO's WebSocketResponse) lives as
 * long as the connection, held by its TCP socket's close listener: the wrappers kept express-session's
 * whole per-request scope (its request, a dozen closures) for each socket. Undone in reverse order of
 * wrapping, so the response keeps its fast shape (see {@link keepAndRelease}).
 */
function restoreMethods(res: ServerResponse, noted: WrappedMethods): void {
  for (const { name, own, method } of [...noted].reverse()) {
    if (res[name] === method) continue;
    if (own) Object.assign(res, { [name]: method });
    else Reflect.deleteProperty(res, name);
  }
}

/**
 * Engine middleware: runs `sessionMiddleware` (express-session) on an Engine.IO handshake only, then
 * keeps what {@link takeHandshakeSession} answers and drops the rest; a request that names its
 * connection (`sid`: a later poll, or the upgrade to WebSocket) goes straight on.
 */
export function handshakeSession(
  sessionMiddleware: RequestHandler,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    if ((req as EngineRequest)._query?.sid !== undefined) return next();
    const noted = noteMethods(res);
    void sessionMiddleware(req as Request, res as Response, (error?: unknown) => {
      // Released on failure too (a failed store read: the handshake is refused; the stored session
      // is left alone, see createSessionMiddleware in auth/sessions.ts).
      keepAndRelease(req as SessionRequest);
      restoreMethods(res, noted);
      next(error);
    });
  };
}

/** The signed-in session of a handshake request, once (it is forgotten as it is read). */
export function takeHandshakeSession(req: IncomingMessage): HandshakeSession | undefined {
  const session = kept.get(req);
  kept.delete(req);
  return session;
}
