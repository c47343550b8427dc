/**
 * Obtains the database for a process: MONGODB_URI when set; otherwise an embedded MongoDB-wire server
 * (mongod from PATH, else FerretDB with SQLite) whose files live under DATA_DIR and survive restarts.
 * The running embedded database is recorded in DATA_DIR/embedded-db.json so that the admin command
 * line can reach it while the server runs.
 */
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { portAnswers } from './childProcess.js';
import { ferretDbBinary, startFerretDb } from './ferretdb.js';
import { mongodAvailable, startMongod } from './mongod.js';

/** A database the process may connect to. */
export interface ObtainedDatabase {
  uri: string;
  /** What serves it, for logs: "MONGODB_URI", "mongod", "FerretDB" or "running server's FerretDB". */
  source: string;
  /** Stops the embedded child this process started (no-op otherwise). */
  stop(): Promise<void>;
  /** Registers a listener for an embedded child that dies on its own. */
  onUnexpectedExit(listener: (description: string) => void): void;
}

/** What the launcher needs to know. */
export interface LauncherOptions {
  mongodbUri: string | undefined;
  dataDir: string;
  ferretdbBin: string | undefined;
  progress: (line: string) => void;
  /** Reuse a database another process of ours started on the same DATA_DIR (the admin CLI does). */
  reuseRunning?: boolean;
  /** Where a built FerretDB is cached; the project's .cache/ferretdb by default. */
  cacheDir?: string;
}

/** Raised when no database can be had; the message says what to install or set. */
export class NoDatabaseError extends Error {
  override name = 'NoDatabaseError';
}

interface RunningRecord {
  uri: string;
  pid: number;
  port: number;
  /** The database child's pid, to clean it up if its server died without stopping it. */
  childPid?: number;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a database child left running by a server that was killed (SIGKILL leaves no chance to stop
 * it), so two database processes never share one data folder. The child is recognised by its pid and
 * by its command line naming this data folder.
 */
function stopOrphanedChild(record: RunningRecord, dataDir: string): void {
  const pid = record.childPid;
  if (!pid || !pidAlive(pid)) return;
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(dataDir)) process.kill(pid, 'SIGKILL');
}

async function runningDatabase(recordFile: string, dataDir: string): Promise<RunningRecord | null> {
  if (!existsSync(recordFile)) return null;
  try {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as RunningRecord;
    if (pidAlive(record.pid) && (await portAnswers(record.port))) return record;
    stopOrphanedChild(record, dataDir);
  } catch {
    // An unreadable record is stale; it is replaced below.
  }
  return null;
}

const external = (uri: string, source: string): ObtainedDatabase => ({
  uri,
  source,
  stop: async () => undefined,
  onUnexpectedExit: () => undefined,
});

/** Connects to MONGODB_URI or starts the embedded database. Throws {@link NoDatabaseError}. */
export async function obtainDatabase(options: LauncherOptions): Promise<ObtainedDatabase> {
  if (options.mongodbUri) return external(options.mongodbUri, 'MONGODB_URI');

  mkdirSync(options.dataDir, { recursive: true });
  const recordFile = path.join(options.dataDir, 'embedded-db.json');
  const running = await runningDatabase(recordFile, options.dataDir);
  if (running) {
    if (options.reuseRunning) return external(running.uri, "running server's database");
    throw new NoDatabaseError(
      `Another Concordia process (pid ${running.pid}) is using the embedded database in ${options.dataDir}. ` +
        'Stop it, or give this one its own DATA_DIR.',
    );
  }

  let child;
  let source;
  if (await mongodAvailable()) {
    child = await startMongod(path.join(options.dataDir, 'mongod'));
    source = 'mongod';
  } else {
    const binary = await ferretDbBinary(options.ferretdbBin, options.progress, options.cacheDir);
    if (!binary) {
      throw new NoDatabaseError(
        'No database available. Set MONGODB_URI to a MongoDB 7+ server, or install MongoDB (mongod on PATH), ' +
          'or install Go 1.22+ so that the embedded FerretDB can be built on first start.',
      );
    }
    child = await startFerretDb(binary, path.join(options.dataDir, 'ferretdb'));
    source = 'FerretDB';
  }
  const port = Number(new URL(child.uri).port);
  writeFileSync(
    recordFile,
    JSON.stringify({ uri: child.uri, pid: process.pid, port, childPid: child.pid } satisfies RunningRecord),
  );
  const started = child;
  return {
    uri: started.uri,
    source,
    onUnexpectedExit: (listener) => started.onUnexpectedExit(listener),
    async stop() {
      rmSync(recordFile, { force: true });
      await started.stop();
    },
  };
}
