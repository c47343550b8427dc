/**
 * `npm run bench:growth`: how the cost of three reads grows with the data, on the embedded database
 * (or `MONGODB_URI`), through the real HTTP API (app in this process, one moderator with an API token):
 * - `history_latest` and `history_deep`: `GET /api/v1/rooms/:room/messages` (limit 50), the newest
 *   page and the page before the middle message (keyset cursor), with N messages in the room;
 * - `topics`: `GET /api/v1/spaces/network/forum/categories/general/topics`, N topics in the category;
 * - `search_common` and `search_rare`: `GET /api/v1/search` for a word every item holds and for one
 *   in every thousandth item, over N messages + N topics.
 * Sizes BENCH_GROWTH_SIZES (1000,10000,100000), grown in turn: one item of each kind is made through
 * the API, then copied in bulk through the driver (new ids, times and client ids; the rare word's
 * tokens added to every thousandth). Per size and read, BENCH_GROWTH_REQUESTS (40) requests one after
 * another after BENCH_GROWTH_WARM_UPS (3) warm-ups (at least BENCH_GROWTH_MIN_REQUESTS, 10, and none
 * started after BENCH_GROWTH_SECONDS, 60); BENCH_GROWTH_READS names the reads to time (all); one JSON
 * line each with p50/p99 and the content queries the read sent (collection, operation, the shape of
 * filter, sort and projection, recorded by Mongoose's debug hook). For the first size, stderr lists
 * every query of one request and the indexes the models declare for the content collections, so the
 * README can say what MongoDB's indexes would serve (FerretDB cannot show index use).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { indexTokens } from '../shared/search/tokens.js';
import { createApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { MessageModel } from '../server/models/Message.js';
import { PersonModel } from '../server/models/Person.js';
import { PostModel } from '../server/models/Post.js';
import { SpaceModel } from '../server/models/Space.js';
import '../server/models/index.js';
import { createApiToken } from '../server/services/tokens/apiTokens.js';
import { withStormDatabase } from './stormDatabase.js';
import { createPeople, createRooms } from './stormPopulation.js';

const SIZES = (process.env.BENCH_GROWTH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_GROWTH_REQUESTS ?? 40);
/** Per read, requests stop after this many seconds once {@link MIN_REQUESTS} were made. */
const SECONDS = Number(process.env.BENCH_GROWTH_SECONDS ?? 60);
const MIN_REQUESTS = Number(process.env.BENCH_GROWTH_MIN_REQUESTS ?? 10);
/** Requests made and not timed before each read's figures. */
const WARM_UPS = Number(process.env.BENCH_GROWTH_WARM_UPS ?? 3);
/** The reads to time (all when unset): BENCH_GROWTH_READS, e.g. `topics,search_common`. */
const READS = process.env.BENCH_GROWTH_READS?.split(',').map((r) => r.trim());
const OPERATOR = { kind: 'operator', name: 'growth bench' } as const;
const BODY = 'The prevention plan: community mediators in every district and a helpline for families.';
/** The rare word of every thousandth item. */
const RARE = 'kestrelwatch';

/** Collections that grow with the data. */
const CONTENT = new Set(['messages', 'posts', 'documents']);

const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const log = (line: string) => console.error(`[growth] ${line}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A filter, sort or projection with its values replaced by their kind. */
function shape(value: unknown): unknown {
  if (value instanceof Types.ObjectId) return 'id';
  if (value instanceof Date) return 'date';
  if (Array.isArray(value)) {
    // Conditions ($and, $or) each; a list of values ($in) by its first.
    if (
      value.some((v) => v && typeof v === 'object' && !(v instanceof Types.ObjectId) && !(v instanceof Date))
    )
      return value.map(shape);
    return value.length === 0 ? [] : [shape(value[0])];
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = shape(inner);
    return out;
  }
  if (typeof value === 'number' && (value === 1 || value === -1)) return value;
  return value === null ? null : typeof value;
}

let recording: string[] | null = null;
mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
  if (!recording) return;
  const [filter, options] = args as [unknown, { sort?: unknown; projection?: unknown } | undefined];
  const parts = [`${collection}.${method}`, JSON.stringify(shape(filter))];
  if (options?.sort) parts.push(`sort ${JSON.stringify(options.sort)}`);
  if (options?.projection) parts.push(`projection ${JSON.stringify(shape(options.projection))}`);
  recording.push(parts.join(' '));
});

/** Copies `template` `count` times with new ids, times and the rare word in every thousandth. */
function copies(
  template: Record<string, unknown>,
  from: number,
  count: number,
  extra: (i: number) => Record<string, unknown>,
): Record<string, unknown>[] {
  const rare = indexTokens([RARE], 'en').tokens;
  const tokens = template.tokens as string[];
  const start = Date.now() - (from + count) * 1000;
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const at = new Date(start + k * 1000);
    return {
      ...template,
      _id: new Types.ObjectId(
        Math.floor(at.getTime() / 1000)
          .toString(16)
          .padStart(8, '0') + randomBytes(8).toString('hex'),
      ),
      createdAt: at,
      updatedAt: at,
      tokens: i % 1000 === 7 ? [...tokens, ...rare] : tokens,
      ...extra(i),
    };
  });
}

await withStormDatabase(async ({ dataDir }) => {
  const [room] = await createRooms(1);
  if (!room) throw new Error('no room');
  const [person] = await createPeople([room], 1);
  if (!person) throw new Error('no person');
  // A moderator, who may open the forum's category.
  await PersonModel.updateOne({ _id: person.personId }, { $set: { roles: ['practitioner', 'moderator'] } });
  await SpaceModel.create({
    slug: 'network',
    name: 'Network',
    kind: 'network',
    ceiling: 'GREEN',
    defaultLabel: 'GREEN',
    createdBy: 'bench',
  });
  const auth = {
    Authorization: `Bearer ${(await createApiToken(OPERATOR, person.personId, 'growth', 1)).token}`,
  };
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_ENCRYPTION_KEY: `bench:${randomBytes(32).toString('base64')}`,
    AUDIT_KEY: randomBytes(32).toString('base64url'),
    SESSION_SECRET: 'g'.repeat(40),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000000',
  });
  const server = http.createServer(createApp({ config, logger: createLogger('silent') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const call = async (method: string, url: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(base + url, {
      method,
      headers: {
        ...auth,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };

  await call('POST', '/spaces/network/forum/categories', { slug: 'general', name: 'General' });
  const topic = await call('POST', '/spaces/network/forum/categories/general/topics', {
    title: 'Prevention plan',
    body: BODY,
  });
  const message = await call('POST', `/rooms/${room.roomId}/messages`, {
    clientId: 'growth-template',
    body: BODY,
  });
  const topicTemplate = (await PostModel.findById(topic.id).lean()) as Record<string, unknown>;
  const messageTemplate = (await MessageModel.findById(message.id).lean()) as Record<string, unknown>;
  let messages = 1;
  let topics = 1;

  for (const size of SIZES) {
    const started = performance.now();
    for (let n = messages; n < size; n += 5000) {
      const count = Math.min(5000, size - n);
      await MessageModel.collection.insertMany(
        copies(messageTemplate, n, count, (i) => ({ clientId: `growth-${i}` })) as never[],
        { ordered: false },
      );
    }
    for (let n = topics; n < size; n += 5000) {
      const count = Math.min(5000, size - n);
      await PostModel.collection.insertMany(
        copies(topicTemplate, n, count, (i) => ({
          title: `Prevention plan ${i}`,
          forumOrder: Date.now() - i * 1000,
        })) as never[],
        { ordered: false },
      );
    }
    messages = Math.max(messages, size);
    topics = Math.max(topics, size);
    log(`${size} messages and ${size} topics in ${Math.round(performance.now() - started)} ms`);

    const middle = (await MessageModel.find({ spaceId: new Types.ObjectId(room.roomId) }, { _id: 1 })
      .sort({ _id: 1 })
      .skip(Math.floor(size / 2))
      .limit(1)
      .lean()) as { _id: Types.ObjectId }[];
    const reads: [string, string][] = [
      ['history_latest', `/rooms/${room.roomId}/messages?limit=50`],
      ['history_deep', `/rooms/${room.roomId}/messages?limit=50&before=${String(middle[0]?._id)}`],
      ['topics', '/spaces/network/forum/categories/general/topics'],
      ['search_common', '/search?q=prevention'],
      ['search_rare', `/search?q=${RARE}`],
    ];
    for (const [read, url] of reads.filter(([name]) => !READS || READS.includes(name))) {
      for (let i = 0; i < WARM_UPS; i++) await call('GET', url);
      recording = [];
      await call('GET', url);
      const queries = [...new Set(recording)];
      recording = null;
      const times: number[] = [];
      const until = performance.now() + SECONDS * 1000;
      for (let i = 0; i < REQUESTS && (i < MIN_REQUESTS || performance.now() < until); i++) {
        const start = performance.now();
        await call('GET', url);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const content = queries.filter((q) => CONTENT.has(q.split('.')[0] as string));
      if (size === SIZES[0]) {
        log(`${read}: every query of one request:\n  ${queries.join('\n  ')}`);
        for (const model of Object.values(mongoose.models))
          if (content.some((q) => q.startsWith(`${model.collection.collectionName}.`)))
            log(
              `${read}: ${model.collection.collectionName} declares ${model.schema
                .indexes()
                .map(([keys]) => JSON.stringify(keys))
                .join(' ')}`,
            );
      }
      console.log(
        JSON.stringify({
          read,
          items: size,
          p50_ms: round(percentile(times, 50)),
          p99_ms: round(percentile(times, 99)),
          requests: times.length,
          // The content queries (the ones that grow with the data); all of them go to stderr once.
          content_queries: content,
          other_queries: queries.length - content.length,
          load_average: os.loadavg().map((l) => round(l, 2)),
        }),
      );
    }
  }
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
