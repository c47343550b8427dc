/**
 * The database of one bench run: `MONGODB_URI` when set, else the embedded FerretDB, in a temporary
 * data folder; connected before `run` and dropped, stopped and removed after it, whatever happens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../server/db/connect.js';
import { obtainDatabase } from '../server/db/launcher.js';

/** Where the run's database is, for server processes that connect to it themselves. */
export interface BenchDatabase {
  uri: string;
  dbName: string;
}

/**
 * Runs `run` with a connected database; `dataDir` is the run's own folder (settings, secrets), and
 * `database` its address for other processes.
 */
export async function withBenchDatabase(
  run: (dataDir: string, database: BenchDatabase) => Promise<void>,
): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-bench-'));
  const database = await obtainDatabase({
    mongodbUri: process.env.MONGODB_URI,
    dataDir,
    ferretdbBin: process.env.FERRETDB_BIN,
    progress: console.error,
  });
  try {
    const dbName = `bench_${process.pid}`;
    await connectDatabase(database.uri, dbName);
    await run(dataDir, { uri: database.uri, dbName });
  } finally {
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
