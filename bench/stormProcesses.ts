/**
 * The processes of a storm or agents run: server nodes (bench/stormNode.ts), client processes, the
 * two-node balancer (bench/stormBalancer.ts) and a Redis server, each started as a child and awaited
 * until it is ready; plus a request/answer helper over IPC and a free local port.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { StormDatabase } from './stormDatabase.js';
import { STORM_SECRET } from './stormPopulation.js';

/** A child driven over IPC: `ask` sends one command and resolves with its answer. */
export interface Driven {
  child: ChildProcess;
  ask<T = unknown, C extends { type: string } = { type: string }>(command: C): Promise<T>;
}

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Forks a TypeScript file of this folder with IPC; answers are matched to commands in order. */
export function forkDriven(file: string, env: Record<string, string> = {}, execArgv: string[] = []): Driven {
  const child = fork(path.join(import.meta.dirname, file), [], {
    execArgv: [...execArgv, '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: { resolve: (answer: unknown) => void; reject: (error: Error) => void }[] = [];
  child.on('message', (answer: { type: string; error?: string }) => {
    if (answer.type === 'ready') return;
    const next = waiting.shift();
    if (answer.type === 'failed') next?.reject(new Error(answer.error));
    else next?.resolve(answer);
  });
  // A send racing the child's end fails through `exit` below, not as an unhandled error.
  child.on('error', () => undefined);
  child.on('exit', () => {
    for (const next of waiting.splice(0)) next.reject(new Error(`${file} exited`));
  });
  return {
    child,
    ask<T>(command: { type: string }) {
      return new Promise<T>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`${file} is gone`));
        waiting.push({ resolve: resolve as (answer: unknown) => void, reject });
        child.send(command);
      });
    },
  };
}

/** Resolves once `child` sends `{ type: 'ready' }`; rejects if it exits first. */
export function whenReady(child: ChildProcess, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      child.off('message', onMessage);
      resolve();
    };
    const onExit = (code: number | null) => reject(new Error(`${what} exited (${code}) before it was ready`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Settings every node of one run shares. */
export interface NodeSettings {
  database: StormDatabase;
  /** The address clients use (a node's own, or the balancer's): the allowed Origin. */
  publicUrl: string;
  /** The data key, the same on every node of the run ({@link newDataKey}). */
  dataKey: string;
  /** The audit key, the same on every node of the run ({@link newAuditKey}). */
  auditKey: string;
  redisUrl?: string;
}

/** A new data key for a run's nodes. */
export function newDataKey(): string {
  return `bench:${randomBytes(32).toString('base64')}`;
}

/** A new audit key for a run's nodes. */
export function newAuditKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Starts a node on `port` and waits until it listens. */
export async function startNode(
  settings: NodeSettings,
  port: number,
  execArgv: string[] = [],
): Promise<Driven> {
  const node = forkDriven(
    'stormNode.ts',
    {
      STORM_PORT: String(port),
      STORM_PUBLIC_URL: settings.publicUrl,
      STORM_DATA_KEY: settings.dataKey,
      STORM_AUDIT_KEY: settings.auditKey,
      STORM_SECRET,
      STORM_DATA_DIR: settings.database.dataDir,
      STORM_URI: settings.database.uri,
      STORM_DB: settings.database.dbName,
      ...(settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {}),
    },
    execArgv,
  );
  await whenReady(node.child, `node on port ${port}`);
  return node;
}

/** Kills `child` with SIGKILL (no shutdown at all) and waits until it is gone. */
export async function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await gone;
}

/** Starts the balancer on `port` in front of the nodes on `backends`. */
export async function startBalancer(port: number, backends: number[]): Promise<Driven> {
  const balancer = forkDriven('stormBalancer.ts', {
    STORM_PORT: String(port),
    STORM_BACKENDS: backends.join(','),
  });
  await whenReady(balancer.child, 'balancer');
  return balancer;
}

/** Starts Debian's redis-server on `port` (no persistence) and waits until it accepts connections. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
  });
  child.stdout?.resume();
  return child;
}
