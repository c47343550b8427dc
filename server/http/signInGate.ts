/**
 * Authentication before everything that could tell an anonymous caller more: a route for members or
 * admins refuses an anonymous caller with 401 right after the actor is known, before the CSRF check,
 * the per-person rate limits and any reading of its input. (An anonymous caller of such a route is
 * still counted by the per-address flood guard in front of everything.)
 */
import express, { type RequestHandler } from 'express';
import { UnauthenticatedError } from '../errors.js';

/** A route: its method, Express path below the router's mount point, and whether it is open to anyone. */
export interface GatedRoute {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  access: 'public' | 'members' | 'admin';
}

const requireActor: RequestHandler = (req, _res, next) => {
  if (req.actor.kind === 'anonymous') return next(new UnauthenticatedError());
  next('router');
};

/** The first matching route decides, as in the real router: a public one lets the request through. */
const open: RequestHandler = (_req, _res, next) => next('router');

/**
 * A middleware that answers 401 to anonymous callers of the non-public `routes` and lets everything else
 * through. Give the routes in the order the real router mounts them.
 */
export function signInGate(routes: GatedRoute[]): RequestHandler {
  const gate = express.Router();
  for (const route of routes) gate[route.method](route.path, route.access === 'public' ? open : requireActor);
  // OPTIONS never needs a person, and a Router would answer it itself with the methods it knows.
  return (req, res, next) => (req.method === 'OPTIONS' ? next() : gate(req, res, next));
}

/**
 * The byte-stream writes (multipart uploads and tus, mounted by `mountDocumentFiles` before the
 * declared routes): each needs a signed-in person, so an anonymous upload is refused before a byte
 * of it is read. Downloads are decided by the policy (a public document may be read by anyone).
 */
export const FILE_WRITE_ROUTES: GatedRoute[] = [
  { method: 'post', path: '/spaces/:space/documents', access: 'members' },
  { method: 'post', path: '/documents/:document/versions', access: 'members' },
  { method: 'post', path: '/uploads', access: 'members' },
  { method: 'patch', path: '/uploads/:id', access: 'members' },
  { method: 'delete', path: '/uploads/:id', access: 'members' },
];
