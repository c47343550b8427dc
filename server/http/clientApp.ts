/**
 * Serves the built web client: pre-compressed files when the client accepts them, hashed assets
 * cached for a year (`immutable`), index.html revalidated on every visit and answered for app routes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type Request } from 'express';
import { IMMUTABLE, REVALIDATE, sendPrecompressed, type CachePolicy } from './precompressed.js';

/** Paths of the web client's pages: never the API, sign-in endpoints, SCIM or sockets (they answer their own 404s). */
const APP_ROUTE = /^\/(?!(?:api|auth|scim|socket\.io)(?:\/|$)).*/i;
/** File names the build writes: letters, digits, `-`, `_`, `.`, one folder deep at most. */
const BUILT_FILE = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)?[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Serves GET and HEAD requests for built files from their pre-compressed variants (see precompressed.ts). */
function precompressedFiles(root: string, cache: (file: string) => CachePolicy): express.RequestHandler {
  return (req: Request, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !BUILT_FILE.test(req.path)) return next();
    const file = req.path.slice(1);
    void sendPrecompressed(req, res, root, file, cache(file), next).catch(next);
  };
}

/** The router that serves `clientDir`; without a build it explains how to make one. */
export function clientApp(clientDir: string): Router {
  const router = Router();
  const assets = path.join(clientDir, 'assets');
  const index = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    precompressedFiles(assets, () => IMMUTABLE),
    express.static(assets, { immutable: true, maxAge: '365d' }),
    // An asset of an older build (a page opened before a deploy): a plain 404, never an app page.
    (_req: Request, res: express.Response) => {
      res.status(404).type('text/plain').send('Not found');
    },
  );
  router.use(
    precompressedFiles(clientDir, (file) =>
      file === 'index.html' ? REVALIDATE : { cacheControl: 'public, max-age=3600' },
    ),
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (path.basename(file) === 'index.html') res.setHeader('Cache-Control', REVALIDATE.cacheControl);
      },
    }),
  );
  router.get(APP_ROUTE, (req, res, next) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web client is not built. Run `npm run build:client`.');
      return;
    }
    void sendPrecompressed(req, res, clientDir, 'index.html', REVALIDATE, () => {
      res.setHeader('Cache-Control', REVALIDATE.cacheControl);
      res.sendFile(index);
    }).catch(next);
  });
  return router;
}
