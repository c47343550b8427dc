/** Runs the real server (server/main.ts) as a child process, as `npm start` does, for process-level tests. */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { freePort } from '../../server/db/childProcess.js';

const run = promisify(execFile);

/** A running server process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code and how long it took. */
  stop(): Promise<{ code: number | null; ms: number }>;
}

/**
 * Starts the server with `env` added to the environment and waits until /readyz answers 200. It
 * listens on `env.PORT` when given (so PUBLIC_URL can name it), else on a free port.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      const started = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** Runs the admin command line with `env`, resolving with its exit code and output. */
export async function runAdmin(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/admin/cli.ts', ...args],
      {
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * One node of a cluster for multi-node tests: the real server on a free port, with the test
 * database, a session secret every node shares, `redisUrl` carrying rooms and emits between nodes,
 * no demo data and rate limits out of the way.
 */
export async function startClusterNode(
  redisUrl: string,
  databaseUri: string,
  dbName: string,
): Promise<ServerProcess> {
  const port = await freePort();
  return startServer({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: databaseUri,
    DB_NAME: dbName,
    SESSION_SECRET: 'two-nodes-share-this-test-session-secret',
    REDIS_URL: redisUrl,
    DEMO_DATA: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_WRITES_PER_MINUTE: '100000',
  });
}

/**
 * Two cluster nodes ({@link startClusterNode}) started side by side. If either fails to start, the
 * other is stopped before the failure is thrown, so no server outlives the test that asked for it.
 */
export async function startClusterPair(
  redisUrl: string,
  databaseUri: string,
  dbName: string,
): Promise<[ServerProcess, ServerProcess]> {
  const started = await Promise.allSettled([
    startClusterNode(redisUrl, databaseUri, dbName),
    startClusterNode(redisUrl, databaseUri, dbName),
  ]);
  const [first, second] = started;
  if (first.status === 'fulfilled' && second.status === 'fulfilled') return [first.value, second.value];
  await Promise.all(started.map((one) => (one.status === 'fulfilled' ? one.value.stop() : undefined)));
  throw started.find((one): one is PromiseRejectedResult => one.status === 'rejected')?.reason;
}
