/**
 * `npm run bench:fanout`: one room with N members (N = 10, 100, 1,000) on three servers, each in its
 * own process (bench/serverProcess.ts), in the same run:
 * - **bare**: Socket.IO answering `room:join` with `socket.join` and `message:send` with
 *   `io.to(room).emit` of a payload shaped like ours, nothing else (bench/fanoutBare.ts);
 * - **bare + persist**: the same plus the MongoDB driver inserting each message (our document's
 *   shape, our indexes) before it emits and acks, on the same database (bench/fanoutPersist.ts): the
 *   fair floor, since acknowledged-after-store is what our users need;
 * - **ours**: the real app and realtime server on the embedded database (people signed in with real
 *   session cookies, `room:join`, `message:send`: validation, flood control, policy, insert, emit).
 *
 * The members of each room are spread over BENCH_CLIENT_PROCESSES client processes (bench/clientPool.ts),
 * so the client is not the limit; the sender (in the first) is timed to the LAST member's delivery
 * across processes (bench/fanoutSide.ts). Per size, every room is connected, then BENCH_ROUNDS rounds
 * alternate bare, bare + persist and ours: a steady run at BENCH_RATE messages/s (latency p50/p99) and
 * a closed-loop run keeping BENCH_WINDOW messages on their way (the capacity: deliveries per second),
 * BENCH_SECONDS in all per kind of run and server. Prints one JSON line per size (bench "fanout"):
 * capacity and p99 of each server and the ratios ours ÷ bare and ours ÷ bare + persist; set-up
 * timings (handshakes, joins) go to stderr.
 */
import os from 'node:os';
import '../server/models/index.js';
import { ClientPool } from './clientPool.js';
import { FanoutSide, type RunReport } from './fanoutSide.js';
import { startServerProcess, type ServerKind, type ServerProcess } from './serverProcess.js';
import { withBenchDatabase } from './benchDatabase.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const KINDS: ServerKind[] = ['bare', 'persist', 'ours'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Reports of several rounds taken together. */
function merge(reports: RunReport[]): RunReport {
  return {
    messages: reports.reduce((sum, r) => sum + r.messages, 0),
    deliveries: reports.reduce((sum, r) => sum + r.deliveries, 0),
    seconds: reports.reduce((sum, r) => sum + r.seconds, 0),
    latenciesMs: reports.flatMap((r) => r.latenciesMs),
    errors: reports.flatMap((r) => r.errors),
  };
}

type Runs = Record<'steady' | 'saturate', RunReport>;

/**
 * Every side stays connected while the runs alternate in short rounds (bare, persist, ours, bare…),
 * so a busy machine weighs on all alike.
 */
async function compare(sides: Record<ServerKind, FanoutSide>, n: number): Promise<Record<ServerKind, Runs>> {
  const runs = {} as Record<ServerKind, Record<'steady' | 'saturate', RunReport[]>>;
  for (const kind of KINDS) runs[kind] = { steady: [], saturate: [] };
  for (const kind of KINDS) await sides[kind].run({ mode: 'steady', seconds: 1, rate: RATE });
  const seconds = SECONDS / ROUNDS;
  for (let r = 0; r < ROUNDS; r++)
    for (const kind of KINDS) {
      runs[kind].steady.push(await sides[kind].run({ mode: 'steady', seconds, rate: RATE }));
      runs[kind].saturate.push(await sides[kind].run({ mode: 'saturate', seconds, window: WINDOW }));
    }
  const merged = {} as Record<ServerKind, Runs>;
  for (const kind of KINDS) {
    merged[kind] = { steady: merge(runs[kind].steady), saturate: merge(runs[kind].saturate) };
    const errors = [...merged[kind].steady.errors, ...merged[kind].saturate.errors];
    if (errors.length > 0) console.error(`[${kind} n=${n}] errors: ${[...new Set(errors)].join(', ')}`);
  }
  return merged;
}

const perSecond = (r: RunReport) => r.deliveries / r.seconds;

/** The figures of one server at one size. */
function figures(prefix: string, runs: Runs): Record<string, number> {
  return {
    [`${prefix}_per_s`]: Math.round(perSecond(runs.saturate)),
    [`${prefix}_p99_ms`]: round(percentile(runs.steady.latenciesMs, 99)),
    [`${prefix}_p50_ms`]: round(percentile(runs.steady.latenciesMs, 50)),
    [`${prefix}_steady_per_s`]: Math.round(perSecond(runs.steady)),
    [`${prefix}_max_msgs_per_s`]: round(runs.saturate.messages / runs.saturate.seconds),
    [`${prefix}_saturated_p50_ms`]: round(percentile(runs.saturate.latenciesMs, 50)),
    [`${prefix}_errors`]: runs.steady.errors.length + runs.saturate.errors.length,
  };
}

await withBenchDatabase(async (dataDir, database) => {
  const address = { ...database, dataDir };
  const servers = {} as Record<ServerKind, ServerProcess>;
  for (const kind of KINDS) servers[kind] = await startServerProcess(kind, Math.max(...SIZES) + 1, address);
  const pool = new ClientPool();
  try {
    for (const n of SIZES) {
      const sides = {} as Record<ServerKind, FanoutSide>;
      for (const kind of KINDS) {
        sides[kind] = await FanoutSide.connect(pool, servers[kind], n, kind);
        const { handshakeMs, joinMs, members } = sides[kind].spread;
        console.error(
          `[${kind} n=${n}] ${n + 1} sockets in ${members.length} processes: handshakes ${Math.round(handshakeMs)} ms, room:join ${Math.round(joinMs)} ms`,
        );
      }
      const { bare, persist, ours } = await compare(sides, n);
      for (const kind of KINDS) await sides[kind].close();
      console.log(
        JSON.stringify({
          bench: 'fanout',
          n,
          ...figures('ours', ours),
          ...figures('bare', bare),
          ...figures('bare_persist', persist),
          // Capacity (deliveries/s in the closed loop of BENCH_WINDOW messages) of ours ÷ each baseline.
          ratio: round(perSecond(ours.saturate) / perSecond(bare.saturate), 3),
          ratio_vs_bare_persist: round(perSecond(ours.saturate) / perSecond(persist.saturate), 3),
          // p99 at the steady rate, ours minus bare (the target: within 25 ms at 1,000 members).
          p99_over_bare_ms: round(
            percentile(ours.steady.latenciesMs, 99) - percentile(bare.steady.latenciesMs, 99),
          ),
          steady_rate_msgs_per_s: RATE,
          steady_messages: ours.steady.messages,
          client_processes: sides.ours.spread.members.length,
          load_average: os.loadavg().map((l) => round(l, 2)),
        }),
      );
    }
  } finally {
    pool.close();
    for (const kind of KINDS) await servers[kind].close();
  }
});
