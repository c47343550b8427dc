/**
 * FerretDB 1.24.2 with its embedded SQLite backend: the development and test database where MongoDB
 * itself cannot be installed. The binary is built once from the Go module proxy and cached.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './projectRoot.js';
import { freePort, startDatabaseChild, type DatabaseChild } from './childProcess.js';

const run = promisify(execFile);

/** The FerretDB release the project is tested with. */
export const FERRETDB_VERSION = 'v1.24.2';
const MODULE = 'github.com/FerretDB/FerretDB';

/** Where the built binary is cached (git-ignored). */
export function cachedFerretDbPath(cacheDir = path.join(projectRoot(), '.cache', 'ferretdb')): string {
  return path.join(cacheDir, `ferretdb-${FERRETDB_VERSION}`);
}

/** True when a `go` toolchain is on PATH. */
export async function goAvailable(): Promise<boolean> {
  try {
    await run('go', ['version']);
    return true;
  } catch {
    return false;
  }
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    const stat = statSync(full);
    if (stat.isDirectory()) makeWritable(full);
    else chmodSync(full, stat.mode | 0o200);
  }
}

/**
 * Builds FerretDB from the Go module proxy into the cache and returns the binary's path.
 * `progress` receives a line now and then, since the first build takes a minute or two.
 */
export async function buildFerretDb(progress: (line: string) => void, cacheDir?: string): Promise<string> {
  const target = cachedFerretDbPath(cacheDir);
  const started = Date.now();
  const ticker = setInterval(
    () => progress(`still building FerretDB (${Math.round((Date.now() - started) / 1000)} s)`),
    15_000,
  );
  const work = mkdtempSync(path.join(os.tmpdir(), 'concordia-ferretdb-'));
  try {
    progress(
      `Building FerretDB ${FERRETDB_VERSION} from the Go module proxy (first start only, about 2 minutes)`,
    );
    const { stdout } = await run('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const source = (JSON.parse(stdout) as { Dir?: string }).Dir;
    if (!source) throw new Error('go mod download did not report the source folder');
    const tree = path.join(work, 'src');
    cpSync(source, tree, { recursive: true });
    makeWritable(tree);
    writeFileSync(path.join(tree, 'build', 'version', 'version.txt'), FERRETDB_VERSION);
    mkdirSync(path.dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    await run('go', ['build', '-o', partial, './cmd/ferretdb'], { cwd: tree, maxBuffer: 16 * 1024 * 1024 });
    cpSync(partial, target);
    rmSync(partial, { force: true });
    chmodSync(target, 0o755);
    progress(`FerretDB built in ${Math.round((Date.now() - started) / 1000)} s and cached at ${target}`);
    return target;
  } finally {
    clearInterval(ticker);
    rmSync(work, { recursive: true, force: true });
  }
}

/** Returns a usable FerretDB binary: the configured one, the cached one, or a fresh build. Null without Go. */
export async function ferretDbBinary(
  configured: string | undefined,
  progress: (line: string) => void,
  cacheDir?: string,
): Promise<string | null> {
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`FERRETDB_BIN points to ${configured}, which does not exist`);
    return configured;
  }
  const cached = cachedFerretDbPath(cacheDir);
  if (existsSync(cached)) return cached;
  if (!(await goAvailable())) return null;
  return buildFerretDb(progress, cacheDir);
}

/** Starts FerretDB on a free loopback port with its SQLite files in `dataDir`. */
export async function startFerretDb(binary: string, dataDir: string): Promise<DatabaseChild> {
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  return startDatabaseChild({
    name: 'FerretDB',
    command: binary,
    port,
    args: [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--telemetry=disable',
      // FerretDB keeps a small state file; by default in the working directory, which is not ours to litter.
      `--state-dir=${dataDir}`,
      '--log-level=warn',
    ],
  });
}
