/** A local `mongod` on PATH, preferred over FerretDB when a developer has MongoDB installed. */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePort, startDatabaseChild, type DatabaseChild } from './childProcess.js';

const run = promisify(execFile);

/** True when `mongod --version` runs. */
export async function mongodAvailable(): Promise<boolean> {
  try {
    await run('mongod', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Starts mongod on a free loopback port with its files in `dataDir`. */
export async function startMongod(dataDir: string): Promise<DatabaseChild> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  return startDatabaseChild({
    name: 'mongod',
    command: 'mongod',
    port,
    args: ['--dbpath', dataDir, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'],
  });
}
