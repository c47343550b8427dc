/**
 * One server's room in `bench/fanout.ts`, seen from the parent: its members connected and joined over
 * the client pool's processes (the sender in the first), and the runs that time messages from send
 * to the LAST member's delivery across processes. The parent only coordinates: it tells the sender
 * what to send, and each process reports when all its members have a message (bench/fanoutClients.ts:
 * wall-clock times comparable between processes), so no client process and no server shares a loop.
 */
import type { ClientPool, Spread } from './clientPool.js';
import { BENCH_CLIENT_ID_PREFIX, type ClientEvent } from './fanoutClients.js';
import type { ServerProcess } from './serverProcess.js';

/** What a run reports. */
export interface RunReport {
  messages: number;
  deliveries: number;
  seconds: number;
  latenciesMs: number[];
  errors: string[];
}

/** A run: steady at `rate` messages/s, or a closed loop keeping `window` messages on their way. */
export type RunMode =
  { mode: 'steady'; seconds: number; rate: number } | { mode: 'saturate'; seconds: number; window: number };

const BODY =
  'Our city council adopted the **prevention plan** today: community mediators in every district, ' +
  'a helpline for families, and a review in six months. Notes from the working group follow.';

interface InFlight {
  sentAt?: number;
  reports: number;
  lastAt: number;
}

let sequence = 0;

/** A connected side, ready to run. */
export class FanoutSide {
  private constructor(
    readonly label: string,
    private readonly pool: ClientPool,
    readonly spread: Spread,
  ) {}

  /** Connects `n` members and a sender to `server`'s room over `pool`. */
  static async connect(
    pool: ClientPool,
    server: ServerProcess,
    n: number,
    label: string,
  ): Promise<FanoutSide> {
    const spread = await pool.connect(label, server.url, server.roomId, server.cookies(n), true);
    return new FanoutSide(label, pool, spread);
  }

  /** Runs one steady or closed-loop run and reports it. */
  async run(run: RunMode): Promise<RunReport> {
    const reporters = this.spread.members.filter((m) => m > 0).length;
    const latenciesMs: number[] = [];
    const errors: string[] = [];
    const pending = new Map<string, InFlight>();
    let deliveries = 0;
    let sent = 0;
    let onComplete: (latencyMs: number) => void = () => undefined;

    const finish = (clientId: string, entry: InFlight) => {
      if (entry.sentAt === undefined || entry.reports < reporters) return;
      pending.delete(clientId);
      onComplete(entry.lastAt - entry.sentAt);
    };
    this.pool.listen(this.label, (event: ClientEvent, child: number) => {
      if (event.type === 'connected' || event.type === 'closed' || event.type === 'failed') return;
      const entry = pending.get(event.clientId);
      if (!entry) return;
      if (event.type === 'sent') entry.sentAt = event.at;
      else if (event.type === 'delivered') {
        entry.reports++;
        entry.lastAt = Math.max(entry.lastAt, event.at);
        deliveries += this.spread.members[child] ?? 0;
      } else if (event.error) {
        errors.push(event.error);
        pending.delete(event.clientId);
        onComplete(Number.NaN);
        return;
      }
      finish(event.clientId, entry);
    });
    const send = () => {
      const clientId = `${BENCH_CLIENT_ID_PREFIX}${process.pid}-${this.label}-${sequence++}`;
      pending.set(clientId, { reports: 0, lastAt: 0 });
      this.pool.send(0, { type: 'send', side: this.label, clientId, body: BODY });
      sent++;
    };
    const record = (ms: number) => {
      if (!Number.isNaN(ms)) latenciesMs.push(ms);
    };

    const started = performance.now();
    const end = started + run.seconds * 1000;
    if (run.mode === 'steady') {
      onComplete = record;
      const interval = 1000 / run.rate;
      for (let next = started; next < end; next += interval) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        send();
      }
    } else {
      // Closed loop: the next message goes as soon as one reached everybody.
      await new Promise<void>((resolve) => {
        setTimeout(resolve, run.seconds * 1000 + 30_000).unref();
        onComplete = (ms) => {
          record(ms);
          if (performance.now() < end) send();
          else if (pending.size === 0) resolve();
        };
        for (let i = 0; i < run.window; i++) send();
      });
    }
    const deadline = Date.now() + 30_000;
    while (pending.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    const seconds = (performance.now() - started) / 1000;
    this.pool.listen(this.label, undefined);
    if (pending.size > 0) errors.push(`${pending.size} messages not delivered to every member`);
    return { messages: sent, deliveries, seconds, latenciesMs, errors };
  }

  /** Closes the side's sockets. */
  async close(): Promise<void> {
    await this.pool.closeSide(this.label);
  }
}
