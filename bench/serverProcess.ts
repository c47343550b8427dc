/**
 * Starts a server under test in its own process (bench/serverChild.ts, with --expose-gc) and talks
 * to it over IPC: its address, room and session cookies; its heap and RSS after garbage collection;
 * a heap snapshot; closing it.
 */
import { fork } from 'node:child_process';
import path from 'node:path';

/** The servers the benchmarks compare. */
export type ServerKind = 'bare' | 'persist' | 'ours';

/** What the parent asks the server process. */
export type ServerCommand =
  | { type: 'start'; kind: ServerKind; people: number; uri: string; dbName: string; dataDir: string }
  | { type: 'memory' }
  | { type: 'snapshot'; file: string }
  | { type: 'close' };

/** What the server process answers. */
export type ServerAnswer =
  | { type: 'started'; url: string; roomId: string; cookies: string[] }
  | { type: 'memory'; heapUsed: number; rss: number; external: number }
  | { type: 'snapshot'; file: string }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

/** Heap and RSS of a server process after full garbage collections, in bytes. */
export interface ServerMemory {
  heapUsed: number;
  rss: number;
  external: number;
}

/** A running server process. */
export interface ServerProcess {
  kind: ServerKind;
  url: string;
  roomId: string;
  pid: number;
  /** `n + 1` session cookies (the sender's first); empty strings for the bare servers. */
  cookies(n: number): string[];
  memory(): Promise<ServerMemory>;
  snapshot(file: string): Promise<string>;
  close(): Promise<void>;
}

/** Where the bench database is: the servers that store connect to it themselves. */
export interface DatabaseAddress {
  uri: string;
  dbName: string;
  dataDir: string;
}

/** Starts a `kind` server with `people` signed-in people (for ours) in a child process. */
export async function startServerProcess(
  kind: ServerKind,
  people: number,
  database: DatabaseAddress,
): Promise<ServerProcess> {
  const child = fork(path.join(import.meta.dirname, 'serverChild.ts'), [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let queue: Promise<unknown> = Promise.resolve();
  // One question at a time: answers come back in order.
  const ask = <T extends ServerAnswer['type']>(command: ServerCommand, expect: T) => {
    const next = queue.then(
      () =>
        new Promise<Extract<ServerAnswer, { type: T }>>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`${kind} server exited (${code})`));
          child.once('exit', onExit);
          child.once('message', (reply: ServerAnswer) => {
            child.off('exit', onExit);
            if (reply.type === expect) resolve(reply as Extract<ServerAnswer, { type: T }>);
            else reject(new Error(`${kind} server: ${reply.type === 'failed' ? reply.error : reply.type}`));
          });
          child.send(command);
        }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  const started = await ask({ type: 'start', kind, people, ...database }, 'started');
  return {
    kind,
    url: started.url,
    roomId: started.roomId,
    pid: child.pid ?? 0,
    cookies: (n) => started.cookies.slice(0, n + 1),
    async memory() {
      const { heapUsed, rss, external } = await ask({ type: 'memory' }, 'memory');
      return { heapUsed, rss, external };
    },
    async snapshot(file) {
      return (await ask({ type: 'snapshot', file }, 'snapshot')).file;
    },
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask({ type: 'close' }, 'closed').catch(() => child.kill());
      await exited;
    },
  };
}
