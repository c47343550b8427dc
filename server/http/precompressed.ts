/**
 * Serves the `.br` and `.gz` files the client build writes beside each file (client/vite.config.ts)
 * to clients that accept them, with the original file's type, `Content-Encoding` and
 * `Vary: Accept-Encoding`. Without an accepted variant the request goes on (to express.static).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** The encodings built beside the files, best first, with their file suffix. */
const VARIANTS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** How a served file may be cached. */
export interface CachePolicy {
  /** The `Cache-Control` header. */
  cacheControl: string;
}

/** Hashed build output: the name changes with the content, so it may be kept for a year. */
export const IMMUTABLE: CachePolicy = { cacheControl: 'public, max-age=31536000, immutable' };

/** Files named the same across builds (index.html): the browser asks again every time. */
export const REVALIDATE: CachePolicy = { cacheControl: 'no-cache' };

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Sends `file` (a path inside `root`) as its best pre-compressed variant the client accepts; calls
 * `fallback` when there is none (no variant built, or the client accepts neither encoding).
 */
export async function sendPrecompressed(
  req: Request,
  res: Response,
  root: string,
  file: string,
  cache: CachePolicy,
  fallback: NextFunction,
): Promise<void> {
  res.vary('Accept-Encoding');
  for (const { encoding, suffix } of VARIANTS) {
    if (req.acceptsEncodings(encoding) !== encoding) continue;
    if (!(await isFile(path.join(root, file + suffix)))) continue;
    res.setHeader('Cache-Control', cache.cacheControl);
    res.setHeader('Content-Encoding', encoding);
    res.type(path.extname(file));
    res.sendFile(file + suffix, { root, cacheControl: false, dotfiles: 'deny' }, (error) => {
      if (!error || res.headersSent) return;
      // The variant went away between the check and the send (a rebuild): send the plain file.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      fallback();
    });
    return;
  }
  fallback();
}
