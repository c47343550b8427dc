/**
 * `npm run bench:directory`: the public city list (GET /api/v1/cities?limit=25) on our full stack
 * (validation, policy filter, pagination, presenters, rate limits, headers, metrics) against a bare
 * Express handler running the same database query, in the same process and run, on the embedded
 * database. Prints one JSON line with both throughputs, p99 latencies and the ratio.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { CityModel } from '../server/models/City.js';
import { HubModel } from '../server/models/Hub.js';
import '../server/models/index.js';
import { load } from './load.js';
import { withBenchDatabase } from './benchDatabase.js';

const CITIES = Number(process.env.BENCH_CITIES ?? 300);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function listen(app: express.Express): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

await withBenchDatabase(async (dataDir) => {
  const hub = await HubModel.create({ slug: 'bench', name: { en: 'Bench' } });
  await CityModel.insertMany(
    Array.from({ length: CITIES }, (_, i) => ({
      slug: `city-${i}`,
      name: `City ${String(i).padStart(4, '0')}`,
      kind: 'city',
      country: 'FR',
      hubId: hub._id,
      status: i % 5 === 0 ? 'applicant' : 'member',
      pledge: { version: '2026-1', pledgedBy: 'Mayor', pledgedAt: new Date() },
      memberSince: new Date(),
    })),
  );

  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    AUDIT_KEY: randomBytes(32).toString('base64url'),
    SESSION_SECRET: 'b'.repeat(40),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const ours = await listen(createApp({ config, logger: createLogger('silent') }));

  const bare = express();
  bare.get('/cities', async (_req, res) => {
    const items = await CityModel.find({ status: 'member' }).sort({ name: 1, _id: 1 }).limit(26).lean();
    res.json({
      items: items.slice(0, 25).map((c) => ({ ...c, id: String(c._id), hub: 'bench' })),
      nextCursor: null,
    });
  });
  const baseline = await listen(bare);

  // Warm both up, then measure them alternately so neither gets a warmer machine.
  await load(`${baseline.url}/cities`, CONCURRENCY, 1);
  await load(`${ours.url}/api/v1/cities?limit=25`, CONCURRENCY, 1);
  const bareRun = await load(`${baseline.url}/cities`, CONCURRENCY, SECONDS);
  const oursRun = await load(`${ours.url}/api/v1/cities?limit=25`, CONCURRENCY, SECONDS);
  if (bareRun.errors + oursRun.errors > 0)
    throw new Error(`errors during the run: bare ${bareRun.errors}, ours ${oursRun.errors}`);

  console.log(
    JSON.stringify({
      bench: 'directory_cities_list',
      cities: CITIES,
      concurrency: CONCURRENCY,
      ours_per_s: Math.round(oursRun.perSecond),
      bare_per_s: Math.round(bareRun.perSecond),
      ratio: Number((oursRun.perSecond / bareRun.perSecond).toFixed(3)),
      ours_p99_ms: Number(oursRun.p99Ms.toFixed(2)),
      bare_p99_ms: Number(bareRun.p99Ms.toFixed(2)),
    }),
  );
  ours.server.close();
  baseline.server.close();
});
