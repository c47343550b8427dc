/**
 * `npm run bench:forum-reply`: a forum reply to a topic with `BENCH_SUBSCRIBERS` (2,000) subscribers
 * against a reply to a topic with 2, on the full stack (HTTP, validation, policy, storage, notices), in
 * the same process and run, on the embedded database. Replies alternate between the two topics, so
 * neither gets a warmer machine, and each is timed once the previous reply's background notices are
 * done. Prints one JSON line: the latencies of each and the ratio large ÷ small (near 1 means the
 * reply does not wait for its audience), how long the background notices of a large reply took, and
 * how many notices were stored against how many were due.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { afterWritesSettled } from '../server/events/afterWrite.js';
import { createLogger } from '../server/logger.js';
import { CityModel } from '../server/models/City.js';
import { ForumSubscriptionModel } from '../server/models/ForumSubscription.js';
import { HubModel } from '../server/models/Hub.js';
import { NotificationModel } from '../server/models/Notification.js';
import { PersonModel } from '../server/models/Person.js';
import { SpaceModel } from '../server/models/Space.js';
import '../server/models/index.js';
import { createApiToken } from '../server/services/tokens/apiTokens.js';
import { withBenchDatabase } from './benchDatabase.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2000);
const REPLIES = Number(process.env.BENCH_REPLIES ?? 20);
const OPERATOR = { kind: 'operator', name: 'bench' } as const;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

await withBenchDatabase(async (dataDir) => {
  const hub = await HubModel.create({ slug: 'bench', name: { en: 'Bench' } });
  const city = await CityModel.create({
    slug: 'bench-city',
    name: 'Bench City',
    kind: 'city',
    country: 'FR',
    hubId: hub._id,
    status: 'member',
    pledge: { version: '2026-1', pledgedBy: 'Mayor', pledgedAt: new Date() },
    memberSince: new Date(Date.now() - 60_000),
  });
  await SpaceModel.create({
    slug: 'network',
    name: 'Network',
    kind: 'network',
    ceiling: 'GREEN',
    defaultLabel: 'GREEN',
    createdBy: 'bench',
  });
  const people = await PersonModel.insertMany(
    Array.from({ length: SUBSCRIBERS + 1 }, (_, i) => ({
      name: `Person ${i}`,
      email: `person${i}@bench.example`,
      cityId: city._id,
      roles: i === 0 ? ['practitioner', 'moderator'] : ['practitioner'],
      status: 'active',
    })),
  );
  const [author] = people;
  if (!author) throw new Error('no people were made');
  const auth = {
    Authorization: `Bearer ${(await createApiToken(OPERATOR, String(author._id), 'bench', 1)).token}`,
  };

  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    AUDIT_KEY: randomBytes(32).toString('base64url'),
    SESSION_SECRET: 'b'.repeat(40),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  });
  const server = http.createServer(createApp({ config, logger: createLogger('silent') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const post = async (url: string, body: unknown) => {
    const response = await fetch(base + url, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  await post('/spaces/network/forum/categories', { slug: 'general', name: 'General' });
  const topics: Record<'small' | 'large', string> = { small: '', large: '' };
  for (const [size, count] of [
    ['small', 2],
    ['large', SUBSCRIBERS],
  ] as const) {
    topics[size] = (
      await post('/spaces/network/forum/categories/general/topics', {
        title: `A ${size} topic`,
        body: 'Opening',
      })
    ).id;
    await ForumSubscriptionModel.insertMany(
      people.slice(1, count + 1).map((p) => ({
        personId: p._id,
        topicId: new Types.ObjectId(topics[size]),
        subscribed: true,
        updatedAt: new Date(),
      })),
    );
  }

  const timings: Record<'small' | 'large', number[]> = { small: [], large: [] };
  let backgroundMs = 0;
  const reply = async (size: 'small' | 'large', i: number) => {
    // Each reply is timed on a quiet server: the previous reply's background notices are done.
    const settling = performance.now();
    await afterWritesSettled();
    backgroundMs += performance.now() - settling;
    const started = performance.now();
    await post(`/forum/topics/${topics[size]}/replies`, { body: `Reply ${i}` });
    timings[size].push(performance.now() - started);
  };
  await reply('small', -1); // warm-up
  await reply('large', -1);
  await afterWritesSettled();
  timings.small = [];
  timings.large = [];
  backgroundMs = 0;
  const noticesBefore = await NotificationModel.countDocuments({ kind: 'post.replied' });
  if (process.env.BENCH_DEBUG)
    mongoose.set('debug', (collection: string, method: string) =>
      console.error(performance.now().toFixed(0), collection, method),
    );
  for (let i = 0; i < REPLIES; i++) {
    await reply('small', i);
    await reply('large', i);
  }
  const settling = performance.now();
  await afterWritesSettled();
  backgroundMs += performance.now() - settling;
  const stored = (await NotificationModel.countDocuments({ kind: 'post.replied' })) - noticesBefore;
  const p50 = { small: percentile(timings.small, 50), large: percentile(timings.large, 50) };
  console.log(
    JSON.stringify({
      bench: 'forum_reply_by_audience',
      subscribers: SUBSCRIBERS,
      replies: REPLIES,
      small_p50_ms: Number(p50.small.toFixed(1)),
      large_p50_ms: Number(p50.large.toFixed(1)),
      small_p99_ms: Number(percentile(timings.small, 99).toFixed(1)),
      large_p99_ms: Number(percentile(timings.large, 99).toFixed(1)),
      ratio: Number((p50.large / p50.small).toFixed(3)),
      background_per_large_reply_ms: Math.round(backgroundMs / REPLIES),
      notices_stored: stored,
      notices_expected: REPLIES * (SUBSCRIBERS + 2),
      load_average: os.loadavg()[0]?.toFixed(2),
    }),
  );
  server.close();
});
