/**
 * A throw-away Redis for tests: Debian's `redis-server` on a free 127.0.0.1 port in a temporary
 * directory, with the append-only file on (so a restart keeps the adapter's streams, as a production
 * Redis with persistence would). It can be stopped and started again on the same port, and it is
 * always killed when the test process exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, portAnswers } from '../../server/db/childProcess.js';

/** A Redis server the test controls. */
export interface TestRedis {
  /** `redis://127.0.0.1:<port>`; the same across restarts. */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, or SIGKILL with `crash`) and waits for it to exit. */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same port and directory (after {@link TestRedis.stop}). */
  start(): Promise<void>;
  /** Stops it for good and removes its directory. */
  destroy(): Promise<void>;
}

/** Where tests look for the server; REDIS_SERVER_BIN overrides. */
export function redisServerBinary(): string {
  return process.env.REDIS_SERVER_BIN ?? 'redis-server';
}

/** Throws a clear error when redis-server is not installed (the two-node test needs it; no silent skip). */
export function requireRedisServer(): void {
  const probe = spawnSync(redisServerBinary(), ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    throw new Error(
      `redis-server is needed by the multi-node tests and was not found (${redisServerBinary()}): ` +
        'install it with `sudo apt-get install redis-server` (or set REDIS_SERVER_BIN)',
    );
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts a Redis server for the test run. */
export async function startTestRedis(): Promise<TestRedis> {
  requireRedisServer();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-test-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    if (child) throw new Error('redis-server is already running');
    const proc = spawn(
      redisServerBinary(),
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--daemonize',
        'no',
        '--save',
        '',
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--logfile',
        '',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    running.add(proc);
    proc.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    proc.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    proc.once('exit', () => {
      running.delete(proc);
      if (child === proc) child = undefined;
    });
    await waitFor(async () => {
      if (proc.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      return portAnswers(port);
    }, `redis-server on port ${port}`);
  };

  const stop = async (options: { crash?: boolean } = {}) => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(options.crash ? 'SIGKILL' : 'SIGTERM');
    await exited;
    await waitFor(async () => !(await portAnswers(port)), `port ${port} to close`);
  };

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start,
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
