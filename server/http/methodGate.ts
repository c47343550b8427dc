/**
 * The first check of every request: is the method one this path answers? A path of the API document
 * asked with a method it does not list, and any method the server never serves (TRACE, CONNECT,
 * WebDAV's...), answer 405 with an Allow header, before rate limits, bodies or credentials are read.
 */
import type { RequestHandler } from 'express';
import { MethodNotAllowedError } from '../errors.js';

/** Methods some route of the server serves; anything else is refused everywhere. */
const SERVED = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** What pages outside the API document (the web client, sign-in pages) answer. */
const DEFAULT_ALLOW = ['GET', 'HEAD', 'POST'];

interface KnownPath {
  pattern: RegExp;
  params: number;
  allow: string[];
}

/** The OpenAPI paths object, as far as this gate reads it. */
export type DocumentedPaths = Record<string, object | undefined>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Turns `/api/v1/cities/{city}` into a pattern matching one segment per parameter. */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : escape(part)))
    .join('');
  return new RegExp(`^${source}/?$`);
}

/** The known paths of a document with the methods each answers (GET brings HEAD; OPTIONS only when listed). */
function knownPaths(paths: DocumentedPaths): KnownPath[] {
  return Object.entries(paths).map(([path, operations]) => {
    const methods = Object.keys(operations ?? {})
      .map((m) => m.toUpperCase())
      .filter((m) => SERVED.includes(m));
    const allow = methods.includes('GET') && !methods.includes('HEAD') ? [...methods, 'HEAD'] : methods;
    return { pattern: pathPattern(path), params: path.split('{').length - 1, allow };
  });
}

/**
 * The gate for the documented `paths`. A CORS preflight (OPTIONS with Access-Control-Request-Method)
 * passes, for the CORS middleware to answer.
 */
export function methodGate(paths: DocumentedPaths): RequestHandler {
  const known = knownPaths(paths);
  return (req, _res, next) => {
    // A literal path and a parameter may both match (`/uploads/scanner`, `/uploads/{id}`): the one
    // with the fewest parameters is the resource asked for, as the document describes it.
    const all = known.filter((k) => k.pattern.test(req.path));
    const fewest = Math.min(...all.map((k) => k.params));
    const matches = all.filter((k) => k.params === fewest);
    const allow = [...new Set(matches.flatMap((k) => k.allow))].sort(
      (a, b) => SERVED.indexOf(a) - SERVED.indexOf(b),
    );
    if (!SERVED.includes(req.method))
      return next(new MethodNotAllowedError(matches.length > 0 ? allow : DEFAULT_ALLOW));
    if (matches.length === 0 || allow.includes(req.method)) return next();
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) return next();
    next(new MethodNotAllowedError(allow));
  };
}
