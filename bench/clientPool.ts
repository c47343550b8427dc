/**
 * The client processes of a benchmark (bench/fanoutClients.ts), `BENCH_CLIENT_PROCESSES` of them (4
 * by default), shared by every side (server under test) of the run. Routes each process's events to
 * the side they are about, and connects a side's sockets spread over the processes: members are dealt
 * round-robin, the sender (when there is one) goes to the first process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ClientCommand, ClientEvent } from './fanoutClients.js';

/** How many client processes a pool starts by default. */
export const CLIENT_PROCESSES = Math.max(1, Number(process.env.BENCH_CLIENT_PROCESSES ?? 4));

/** Listens to one side's events: `child` is the index of the process that sent it. */
export type SideListener = (event: ClientEvent, child: number) => void;

/** How a side's sockets were spread and how long connecting took. */
export interface Spread {
  /** Members per process (index = process). */
  members: number[];
  /** Members still connected when the last process had joined its share (all of them, normally). */
  alive: number;
  /** Wall time of all handshakes, of all joins (the slowest process), ms. */
  handshakeMs: number;
  joinMs: number;
}

/** A pool of client processes. */
export class ClientPool {
  private readonly children: ChildProcess[];
  private readonly listeners = new Map<string, SideListener>();

  constructor(count = CLIENT_PROCESSES) {
    this.children = Array.from({ length: count }, (_, index) => {
      const child = fork(path.join(import.meta.dirname, 'fanoutClients.ts'), [], {
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (event: ClientEvent) => this.listeners.get(event.side)?.(event, index));
      return child;
    });
  }

  /** How many processes the pool holds. */
  get size(): number {
    return this.children.length;
  }

  /** Sends `command` to process `child`. */
  send(child: number, command: ClientCommand): void {
    this.children[child]?.send(command);
  }

  /** Routes `side`'s events to `listener` (one listener per side; undefined removes it). */
  listen(side: string, listener: SideListener | undefined): void {
    if (listener) this.listeners.set(side, listener);
    else this.listeners.delete(side);
  }

  /**
   * Connects `cookies.length` sockets of `side` to `url` and joins `roomId`, spread over the
   * processes; with `sender`, the first cookie is the sender's (in process 0) and the rest members.
   */
  async connect(
    side: string,
    url: string,
    roomId: string,
    cookies: string[],
    sender: boolean,
  ): Promise<Spread> {
    const [first = '', ...rest] = sender ? cookies : ['', ...cookies];
    const count = Math.min(this.size, Math.max(1, rest.length));
    const shares = Array.from({ length: count }, (_, i) => rest.filter((_, j) => j % count === i));
    const previous = this.listeners.get(side);
    const members: number[] = [];
    let handshakeMs = 0;
    let joinMs = 0;
    let alive = 0;
    await new Promise<void>((resolve, reject) => {
      let waiting = count;
      this.listen(side, (event, child) => {
        if (event.type === 'failed') reject(new Error(`${side}: ${event.error}`));
        if (event.type !== 'connected') return;
        members[child] = event.members;
        alive += event.alive;
        handshakeMs = Math.max(handshakeMs, event.ms);
        joinMs = Math.max(joinMs, event.joinMs);
        if (--waiting === 0) resolve();
      });
      shares.forEach((share, child) => {
        const withSender = sender && child === 0;
        this.send(child, {
          type: 'connect',
          side,
          url,
          roomId,
          cookies: withSender ? [first, ...share] : share,
          sender: withSender,
        });
      });
    }).finally(() => this.listen(side, previous));
    return { members, alive, handshakeMs, joinMs };
  }

  /** Closes `side`'s sockets in every process. */
  async closeSide(side: string): Promise<void> {
    await new Promise<void>((resolve) => {
      let waiting = this.size;
      this.listen(side, (event) => {
        if (event.type === 'closed' && --waiting === 0) resolve();
      });
      for (let child = 0; child < this.size; child++) this.send(child, { type: 'close', side });
    });
    this.listen(side, undefined);
  }

  /** Ends every process. */
  close(): void {
    for (const child of this.children) child.kill();
  }
}
