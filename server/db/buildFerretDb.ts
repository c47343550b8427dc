/** `npm run db:build`: builds and caches the embedded FerretDB ahead of the first start (CI uses it). */
import { existsSync } from 'node:fs';
import { buildFerretDb, cachedFerretDbPath, goAvailable } from './ferretdb.js';

if (existsSync(cachedFerretDbPath())) {
  console.log(`FerretDB already built: ${cachedFerretDbPath()}`);
} else if (!(await goAvailable())) {
  console.error('Go is not installed: install Go 1.22+ or set MONGODB_URI to a MongoDB server.');
  process.exit(1);
} else {
  await buildFerretDb((line) => console.log(line));
}
