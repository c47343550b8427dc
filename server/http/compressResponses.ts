/**
 * Compresses answers on the fly (brotli when the client accepts it, else gzip) above 1 KB, for
 * compressible types only. Left alone: Socket.IO's own traffic (engine.io compresses its long-polling
 * itself), server-sent events and downloads (streamed, flushed as they go), answers already encoded
 * (the pre-compressed client files), the two answers that carry the CSRF token, and search answers,
 * which echo the query beside labelled material: no secret shares a compressed body with
 * attacker-chosen text (BREACH).
 */
import { constants } from 'node:zlib';
import compression from 'compression';
import type { Request, RequestHandler, Response } from 'express';

/** Paths whose answers hold the session's CSRF token. */
const SECRET_BEARING = new Set(['/api/v1/csrf', '/api/v1/me']);

/** Search answers: their snippets put the searcher's words beside what they found. */
const ECHOES_QUERY = /^\/api\/v1\/search(\/|$)/;

/** Whether an answer may be compressed on the fly (see the file comment). */
export function mayCompress(req: Request, res: Response): boolean {
  const path = req.originalUrl.split('?', 1)[0] ?? '';
  if (path.startsWith('/socket.io/') || SECRET_BEARING.has(path) || ECHOES_QUERY.test(path)) return false;
  const type = String(res.getHeader('Content-Type') ?? '');
  if (type.startsWith('text/event-stream')) return false;
  if (/^\s*attachment/i.test(String(res.getHeader('Content-Disposition') ?? ''))) return false;
  return compression.filter(req, res);
}

/** The compression middleware (brotli at a fast quality: answers are compressed per request). */
export function compressResponses(): RequestHandler {
  return compression({
    filter: mayCompress,
    threshold: 1024,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
