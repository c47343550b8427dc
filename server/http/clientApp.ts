/** Serves the built web client, with long caching for hashed assets and index.html for app routes. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** The router that serves `clientDir`; without a build it explains how to make one. */
export function clientApp(clientDir: string): Router {
  const router = Router();
  const index = path.join(clientDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!api\/|auth\/|socket\.io\/).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The web client is not built. Run `npm run build:client`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
