/**
 * The query-shape recorder: while the server suite runs, every command the test process sends through
 * Mongoose's connection is seen through the MongoDB driver's command monitoring (`commandStarted`)
 * and reduced to its shapes (test/support/queryShapesParse.ts), deduplicated.
 *
 * What is recorded: everything this process sends on the default connection, so the server code the
 * tests run in-process (routes through supertest, socket handlers, services, jobs) and the tests' own
 * direct queries (few, mostly by `_id`). Servers the tests start as child processes
 * (test/support/serverProcess.ts) are not seen; they run the same code as the in-process ones.
 * Indexes created outside the models at run time (the file buckets' `createIndexes`) are recorded too,
 * so the coverage test knows them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type mongoose from 'mongoose';
import { indexKeyOf, shapesOfCommand, type QueryShape } from './queryShapesParse.js';

/** The driver client under Mongoose (Mongoose brings its own copy of the driver). */
type MongoClient = ReturnType<typeof mongoose.connection.getClient>;

/** One recorded query shape and how often it was sent. */
export interface RecordedShape {
  shape: QueryShape;
  /** The operations seen with this collection, filter and sort. */
  ops: Set<string>;
  /** The projections seen (each as `a,b,-c`; `*` for the whole document). */
  projections: Set<string>;
  /** Where the queries came from: the nearest `server/` frame of the stack, else the nearest `test/` one. */
  origins: Set<string>;
  count: number;
}

const recorded = new Map<string, RecordedShape>();
const createdIndexes = new Map<string, Record<string, unknown>[]>();
let attachedTo: MongoClient | undefined;

/** The test database URI with command monitoring on (the driver only turns it on at connect time). */
export function withCommandMonitoring(uri: string): string {
  if (/[?&]monitorCommands=/i.test(uri)) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}monitorCommands=true`;
}

const ROOT = `${process.cwd()}/`;

/**
 * The code that sent a command: the first stack frame in `server/` (app code) and, when a test called
 * it directly, the first in `test/` (`server/a.ts:1 < test/b.test.ts:2`); `test <frame>` for a test's
 * own query; `?` when the async stack was cut (e.g. by a thenable). Frames are `path:line`.
 */
function originOf(stack: string): string {
  const frames = stack
    .split('\n')
    .map((line) => /\(?(?:file:\/\/)?(\/[^():]+):(\d+):\d+\)?$/.exec(line.trim()))
    .flatMap((match) => (match?.[1]?.startsWith(ROOT) ? [`${match[1].slice(ROOT.length)}:${match[2]}`] : []));
  const server = frames.find((frame) => frame.startsWith('server/'));
  const test = frames.find(
    (frame) => frame.startsWith('test/') && !frame.startsWith('test/support/queryShapes'),
  );
  if (server) return test ? `${server} < ${test}` : server;
  return test ? `test ${test}` : '?';
}

function record(commandName: string, command: Record<string, unknown>): void {
  if (commandName === 'createIndexes' && typeof command.createIndexes === 'string') {
    // The driver sends each index's key as a Map (to keep its order).
    const indexes = (command.indexes as { key?: Record<string, unknown> | Map<string, unknown> }[]) ?? [];
    const keys = indexes.flatMap((index) =>
      index.key instanceof Map ? [Object.fromEntries(index.key)] : index.key ? [index.key] : [],
    );
    const list = createdIndexes.get(command.createIndexes) ?? [];
    list.push(...keys);
    createdIndexes.set(command.createIndexes, list);
    return;
  }
  const shapes = shapesOfCommand(commandName, command);
  const origin = shapes.length > 0 ? originOf(new Error().stack ?? '') : '';
  for (const shape of shapes) {
    const key = indexKeyOf(shape);
    const entry = recorded.get(key) ?? {
      shape,
      ops: new Set(),
      projections: new Set(),
      origins: new Set(),
      count: 0,
    };
    entry.ops.add(shape.op);
    entry.projections.add(shape.projection.length > 0 ? shape.projection.join(',') : '*');
    entry.origins.add(origin);
    entry.count += 1;
    recorded.set(key, entry);
  }
}

/**
 * Starts recording the commands of `client` (the Mongoose connection's). It must have been connected
 * with `monitorCommands` (see `withCommandMonitoring`); without it, nothing is seen and the coverage
 * test says so.
 */
export function startQueryShapeRecording(client: MongoClient): void {
  if (attachedTo === client) return;
  attachedTo = client;
  client.on('commandStarted', (event) => {
    try {
      record(event.commandName, event.command as Record<string, unknown>);
    } catch (error) {
      // A command the parser does not understand must not break the test that sent it.
      console.error(`queryShapes: could not read a ${event.commandName} command:`, error);
    }
  });
}

/** Every shape recorded so far, keyed by its index key (`indexKeyOf`). */
export function recordedQueryShapes(): ReadonlyMap<string, RecordedShape> {
  return recorded;
}

/** Index keys created at run time through `createIndexes`, by collection. */
export function indexesCreatedAtRunTime(): ReadonlyMap<string, Record<string, unknown>[]> {
  return createdIndexes;
}

interface SavedShapes {
  shapes: (Omit<RecordedShape, 'ops' | 'projections' | 'origins'> & {
    key: string;
    ops: string[];
    projections: string[];
    origins: string[];
  })[];
  createdIndexes: Record<string, Record<string, unknown>[]>;
}

/** Writes what was recorded to `file` as JSON (for `loadQueryShapes`, and to read after a long run). */
export function saveQueryShapes(file: string): void {
  const saved: SavedShapes = {
    shapes: [...recorded].map(([key, entry]) => ({
      key,
      shape: entry.shape,
      ops: [...entry.ops].sort(),
      projections: [...entry.projections].sort(),
      origins: [...entry.origins].sort(),
      count: entry.count,
    })),
    createdIndexes: Object.fromEntries(createdIndexes),
  };
  writeFileSync(file, `${JSON.stringify(saved, null, 1)}\n`);
}

/** Replaces what was recorded by the content of a file `saveQueryShapes` wrote. */
export function loadQueryShapes(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedShapes;
  recorded.clear();
  for (const row of saved.shapes)
    recorded.set(row.key, {
      shape: row.shape,
      ops: new Set(row.ops),
      projections: new Set(row.projections),
      origins: new Set(row.origins),
      count: row.count,
    });
  createdIndexes.clear();
  for (const [collection, keys] of Object.entries(saved.createdIndexes)) createdIndexes.set(collection, keys);
}
