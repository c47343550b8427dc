/**
 * The database of a storm, agents or growth run: like bench/benchDatabase.ts (`MONGODB_URI` when set,
 * else the embedded FerretDB in a temporary folder, dropped and stopped afterwards), but it also hands
 * the run the database's address and name, so that server processes started by the run (each a real
 * node: bench/stormNode.ts) connect to the same data.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../server/db/connect.js';
import { obtainDatabase } from '../server/db/launcher.js';

/** Where the run's data lives. */
export interface StormDatabase {
  /** The run's own folder (settings, secrets, uploads). */
  dataDir: string;
  /** The database server's address. */
  uri: string;
  /** The database's name on it. */
  dbName: string;
}

/** Runs `run` with a connected database (this process's Mongoose connection) and its address. */
export async function withStormDatabase(run: (database: StormDatabase) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-storm-'));
  const database = await obtainDatabase({
    mongodbUri: process.env.MONGODB_URI,
    dataDir,
    ferretdbBin: process.env.FERRETDB_BIN,
    progress: console.error,
  });
  const dbName = `bench_${process.pid}`;
  try {
    await connectDatabase(database.uri, dbName);
    await run({ dataDir, uri: database.uri, dbName });
  } finally {
    await mongoose.connection.db?.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
