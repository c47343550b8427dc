/**
 * Runs a database server as a child process: picks a free loopback port, waits until it accepts
 * connections, reports an unexpected exit, and stops it (SIGTERM, then SIGKILL) with the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** A running database child. */
export interface DatabaseChild {
  uri: string;
  pid: number;
  /** Stops the child and resolves once it has exited. */
  stop(): Promise<void>;
  /** Called once if the child exits without being asked to. */
  onUnexpectedExit(listener: (description: string) => void): void;
}

/** The kernel's range for outgoing connections and listen(0): Linux's /proc value, else its default. */
function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && high !== undefined && low > 0 && high >= low) return [low, high];
  } catch {
    // not Linux: fall through to its default
  }
  return [32768, 60999];
}

/** Listens on 127.0.0.1:port and closes again: the port if it was free (0 lets the kernel choose), else null. */
function probePort(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : null));
    });
  });
}

/**
 * A free TCP port on 127.0.0.1 for a child to listen on. It is taken below the kernel's ephemeral
 * range, so no outgoing connection and no listen(0) can be given the same port between this probe
 * and the child's own listen (the race that made a test server fail with EADDRINUSE); only if that
 * range is crowded does it fall back to a port the kernel picks.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  const floor = Math.max(1024, ephemeralLow - 12_000);
  for (let attempt = 0; attempt < 50 && ephemeralLow - floor > 100; attempt += 1) {
    const candidate = floor + Math.floor(Math.random() * (ephemeralLow - floor));
    if ((await probePort(candidate)) !== null) return candidate;
  }
  const chosen = await probePort(0);
  if (chosen === null) throw new Error('no free TCP port on 127.0.0.1');
  return chosen;
}

/** Resolves true when something accepts TCP connections on 127.0.0.1:port. */
export function portAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Options of {@link startDatabaseChild}. */
export interface ChildOptions {
  name: string;
  command: string;
  args: string[];
  port: number;
  startTimeoutMs?: number;
}

/** Spawns the command and resolves once its port answers; rejects with its last output if it dies first. */
export async function startDatabaseChild(options: ChildOptions): Promise<DatabaseChild> {
  const child: ChildProcess = spawn(options.command, options.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopping = false;
  let exited = false;
  const exitListeners: ((description: string) => void)[] = [];
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping) {
        const description = `${options.name} exited unexpectedly (code ${code ?? 'none'}, signal ${signal ?? 'none'}): ${output.trim().slice(-1000)}`;
        for (const listener of exitListeners) listener(description);
      }
      resolve();
    });
  });
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const killOnParentExit = () => child.kill('SIGKILL');
  process.once('exit', killOnParentExit);

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  const ready = (async () => {
    while (Date.now() < deadline) {
      if (exited) throw new Error(`${options.name} stopped while starting: ${output.trim().slice(-1000)}`);
      if (await portAnswers(options.port)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    throw new Error(
      `${options.name} did not accept connections within ${(options.startTimeoutMs ?? 60_000) / 1000} s`,
    );
  })();
  await Promise.race([ready, spawnError]);

  return {
    uri: `mongodb://127.0.0.1:${options.port}/`,
    pid: child.pid ?? -1,
    onUnexpectedExit: (listener) => exitListeners.push(listener),
    async stop() {
      if (exited) return;
      stopping = true;
      process.removeListener('exit', killOnParentExit);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
