/**
 * Starts the real Concordia server as a child process for end-to-end tests: its own embedded
 * database in a fresh temporary DATA_DIR, the demo data, a free port. Stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server/db/childProcess.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  /** The server's DATA_DIR: the admin command line run with it uses the server's own database. */
  dataDir: string;
  /** The last lines the server wrote to stderr and stdout, for failure messages. */
  output: () => string;
  /** Sends SIGTERM, waits for the exit, and removes the data directory. */
  stop: () => Promise<void>;
}

function keepTail(lines: string[], chunk: Buffer): void {
  lines.push(...chunk.toString('utf8').split('\n'));
  if (lines.length > 60) lines.splice(0, lines.length - 60);
}

async function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server was not ready after ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

const START_ATTEMPTS = 3;

/**
 * Starts `node --import tsx server/main.ts` with demo data; `env` adds or overrides settings. A port
 * taken by someone else between the probe and the server's listen costs one more attempt, not the run.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startServerOnce(env);
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startServerOnce(env: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-e2e-'));
  // A caller that must know the address up front (e.g. PUBLIC_URL on localhost) passes its own PORT.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DEMO_DATA: 'true',
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      // SAML sign-in sends the browser back to PUBLIC_URL: keep it on the host the tests use.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PUBLIC_FORMS_PER_HOUR: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => keepTail(tail, chunk));
  child.stderr?.on('data', (chunk: Buffer) => keepTail(tail, chunk));
  const output = () => tail.join('\n').trim();
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await exited(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await exited(child, 5_000);
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, output, stop };
}
