/**
 * `npm run bench:fanout`: one room with N members (N = 10, 100, 1,000) on our server (app + realtime
 * on the embedded database, people signed in with real session cookies, the room joined through
 * `room:join`, messages sent with `message:send`: validation, flood control, policy, insert, emit)
 * against a bare Socket.IO server that answers the same events with a plain `io.to(room).emit` of a
 * payload of the same shape, in the same run, driven by the same client process
 * (bench/fanoutClients.ts: socket.io-client, WebSocket transport).
 *
 * Per size, both servers' members connect (two client processes), then BENCH_ROUNDS rounds alternate
 * bare and ours: a steady run at BENCH_RATE messages/s (deliveries per second from the first send to
 * the last delivery, and latency from send to the LAST member receiving it: p50/p99), and a
 * closed-loop run keeping BENCH_WINDOW messages on their way (the most deliveries per second each
 * can sustain: the capacity), BENCH_SECONDS in all per kind of run. Prints one JSON line per size:
 * {"n","ours_per_s","bare_per_s","ratio","ours_p99_ms","bare_p99_ms",...}: `*_per_s` and `ratio` are
 * the capacity (closed loop), `*_p99_ms`/`*_p50_ms` come from the steady run, and the steady rates
 * are `*_steady_per_s`; set-up timings go to stderr.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import '../server/models/index.js';
import type { ClientCommand, RunReport } from './fanoutClients.js';
import { startBareServer } from './fanoutBare.js';
import { startOurServer, type BenchServer } from './fanoutServer.js';
import { withBenchDatabase } from './benchDatabase.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** The client process and a request/answer helper. */
function startClients(): { child: ChildProcess; ask: (command: ClientCommand) => Promise<unknown> } {
  const child = fork(path.join(import.meta.dirname, 'fanoutClients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (command: ClientCommand) =>
    new Promise<unknown>((resolve, reject) => {
      child.once('message', (answer: { type: string; error?: string }) =>
        answer.type === 'failed' ? reject(new Error(answer.error)) : resolve(answer),
      );
      child.send(command);
    });
  return { child, ask };
}

/** One server's members, connected and joined, driven by their own client process. */
interface Side {
  label: string;
  run(command: Extract<ClientCommand, { type: 'run' }>): Promise<RunReport>;
  close(): Promise<void>;
}

async function connectSide(server: BenchServer, n: number, label: string): Promise<Side> {
  const { child, ask } = startClients();
  const connected = (await ask({
    type: 'connect',
    url: server.url,
    cookies: server.cookies(n),
    roomId: server.roomId,
  })) as { ms: number; joinMs: number };
  console.error(
    `[${label} n=${n}] ${n + 1} sockets: handshakes ${Math.round(connected.ms)} ms, room:join ${Math.round(connected.joinMs)} ms`,
  );
  return {
    label,
    async run(command) {
      const { report } = (await ask(command)) as { report: RunReport };
      if (report.errors.length > 0)
        console.error(`[${label} n=${n}] errors: ${[...new Set(report.errors)].join(', ')}`);
      return report;
    },
    async close() {
      await ask({ type: 'close' });
      child.kill();
    },
  };
}

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

/**
 * Both servers' members stay connected while the runs alternate in short rounds (bare, ours, bare,
 * ours…), so a busy machine weighs on both alike.
 */
async function compare(
  bare: Side,
  ours: Side,
): Promise<Record<'bare' | 'ours', Record<'steady' | 'saturate', RunReport>>> {
  const runs = {
    bare: { steady: [] as RunReport[], saturate: [] as RunReport[] },
    ours: { steady: [] as RunReport[], saturate: [] as RunReport[] },
  };
  for (const side of [bare, ours]) await side.run({ type: 'run', mode: 'steady', seconds: 1, rate: RATE });
  const seconds = SECONDS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++)
    for (const [key, side] of [
      ['bare', bare],
      ['ours', ours],
    ] as const) {
      runs[key].steady.push(await side.run({ type: 'run', mode: 'steady', seconds, rate: RATE }));
      runs[key].saturate.push(await side.run({ type: 'run', mode: 'saturate', seconds, window: WINDOW }));
    }
  return {
    bare: { steady: merge(runs.bare.steady), saturate: merge(runs.bare.saturate) },
    ours: { steady: merge(runs.ours.steady), saturate: merge(runs.ours.saturate) },
  };
}

await withBenchDatabase(async (dataDir) => {
  const ours = await startOurServer(dataDir, Math.max(...SIZES) + 1, console.error);
  const bare = await startBareServer();
  for (const n of SIZES) {
    const bareSide = await connectSide(bare, n, 'bare');
    const oursSide = await connectSide(ours, n, 'ours');
    const { bare: b, ours: o } = await compare(bareSide, oursSide);
    await bareSide.close();
    await oursSide.close();
    const perSecond = (r: RunReport) => r.deliveries / r.seconds;
    const errors = (side: Record<'steady' | 'saturate', RunReport>) =>
      side.steady.errors.length + side.saturate.errors.length;
    console.log(
      JSON.stringify({
        n,
        // Capacity: deliveries/s at saturation (closed loop of BENCH_WINDOW messages in flight).
        ours_per_s: Math.round(perSecond(o.saturate)),
        bare_per_s: Math.round(perSecond(b.saturate)),
        ratio: round(perSecond(o.saturate) / perSecond(b.saturate), 3),
        // Latency from send to the LAST member's delivery, at the steady BENCH_RATE messages/s.
        ours_p99_ms: round(percentile(o.steady.latenciesMs, 99)),
        bare_p99_ms: round(percentile(b.steady.latenciesMs, 99)),
        ours_p50_ms: round(percentile(o.steady.latenciesMs, 50)),
        bare_p50_ms: round(percentile(b.steady.latenciesMs, 50)),
        steady_rate_msgs_per_s: RATE,
        steady_messages: o.steady.messages,
        ours_steady_per_s: Math.round(perSecond(o.steady)),
        bare_steady_per_s: Math.round(perSecond(b.steady)),
        ours_max_msgs_per_s: round(o.saturate.messages / o.saturate.seconds),
        bare_max_msgs_per_s: round(b.saturate.messages / b.saturate.seconds),
        ours_saturated_p50_ms: round(percentile(o.saturate.latenciesMs, 50)),
        bare_saturated_p50_ms: round(percentile(b.saturate.latenciesMs, 50)),
        ours_errors: errors(o),
        bare_errors: errors(b),
        load_average: os.loadavg().map((l) => round(l, 2)),
      }),
    );
  }
  await ours.close();
  await bare.close();
});
