/**
 * The test database: one embedded FerretDB (or mongod, or TEST_MONGODB_URI) per test run, started by
 * the same launcher the server uses, in a throw-away directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../server/db/connect.js';
import { obtainDatabase, type ObtainedDatabase } from '../../server/db/launcher.js';
import { withCommandMonitoring } from './queryShapes.js';
import '../../server/models/index.js';

let database: ObtainedDatabase | undefined;
let dataDir: string | undefined;

/** The URI of the running test database (after the root hook ran). */
export function testDatabaseUri(): string {
  if (!database) throw new Error('the test database is not started');
  return database.uri;
}

/** The database name this test run uses. */
export function testDatabaseName(): string {
  return `test_${process.pid}`;
}

/** Starts the database and connects Mongoose to a fresh database name. */
export async function startTestDatabase(): Promise<void> {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-test-db-'));
  database = await obtainDatabase({
    mongodbUri: process.env.TEST_MONGODB_URI,
    dataDir,
    ferretdbBin: process.env.FERRETDB_BIN,
    progress: (line) => console.log(line),
  });
  // Command monitoring lets the root hooks record every query's shape (test/support/queryShapes.ts).
  await connectDatabase(withCommandMonitoring(database.uri), testDatabaseName());
}

/** Drops the test database, disconnects and stops the embedded server. */
export async function stopTestDatabase(): Promise<void> {
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await database?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** Empties every collection (faster than dropping on FerretDB, and keeps the indexes). */
export async function resetDatabase(): Promise<void> {
  await Promise.all(Object.values(mongoose.models).map((model) => model.deleteMany({})));
}
