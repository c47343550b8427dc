/**
 * `npm run bench:fanout`: one room with N members (N = 10, 100, 1,000) on our server (app + realtime
 * on the embedded database, people signed in with real session cookies, the room joined through
 * `room:join`, messages sent with `message:send`: validation, flood control, policy, insert, emit)
 * against a bare Socket.IO server that answers the same events with a plain `io.to(room).emit` of a
 * payload of the same shape, in the same run, driven by the same client process
 * (bench/fanoutClients.ts: socket.io-client, WebSocket transport).
 *
 * Per size and server: a warm-up, a steady run at BENCH_RATE messages/s (latency from send to the
 * LAST member receiving it: p50/p99), then a closed-loop run keeping BENCH_WINDOW messages on their
 * way (deliveries per second). Prints one JSON line per size:
 * {"n","ours_per_s","bare_per_s","ratio","ours_p99_ms","bare_p99_ms",...}; set-up timings go to stderr.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../server/db/connect.js';
import { obtainDatabase } from '../server/db/launcher.js';
import '../server/models/index.js';
import type { ClientCommand, RunReport } from './fanoutClients.js';
import { startBareServer } from './fanoutBare.js';
import { startOurServer, type BenchServer } from './fanoutServer.js';

const SIZES = (process.env.BENCH_SIZES ?? '10,100,1000').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 4);

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

interface Measured {
  steady: RunReport;
  saturate: RunReport;
}

async function measure(server: BenchServer, n: number, label: string): Promise<Measured> {
  const { child, ask } = startClients();
  try {
    const connected = (await ask({
      type: 'connect',
      url: server.url,
      cookies: server.cookies(n),
      roomId: server.roomId,
    })) as { ms: number; joinMs: number };
    console.error(
      `[${label} n=${n}] ${n + 1} sockets connected in ${Math.round(connected.ms)} ms, joined in ${Math.round(connected.joinMs)} ms`,
    );
    await ask({ type: 'run', mode: 'steady', seconds: 1, rate: RATE });
    const steady = (await ask({ type: 'run', mode: 'steady', seconds: SECONDS, rate: RATE })) as {
      report: RunReport;
    };
    const saturate = (await ask({ type: 'run', mode: 'saturate', seconds: SECONDS, window: WINDOW })) as {
      report: RunReport;
    };
    for (const report of [steady.report, saturate.report])
      if (report.errors.length > 0)
        console.error(`[${label} n=${n}] errors: ${[...new Set(report.errors)].join(', ')}`);
    await ask({ type: 'close' });
    return { steady: steady.report, saturate: saturate.report };
  } finally {
    child.kill();
  }
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'concordia-bench-'));
const database = await obtainDatabase({
  mongodbUri: process.env.MONGODB_URI,
  dataDir,
  ferretdbBin: process.env.FERRETDB_BIN,
  progress: console.error,
});
try {
  await connectDatabase(database.uri, `bench_${process.pid}`);
  const ours = await startOurServer(dataDir, Math.max(...SIZES) + 1, console.error);
  const bare = await startBareServer();
  for (const n of SIZES) {
    const b = await measure(bare, n, 'bare');
    const o = await measure(ours, n, 'ours');
    const perSecond = (m: Measured) => m.saturate.deliveries / m.saturate.seconds;
    console.log(
      JSON.stringify({
        n,
        ours_per_s: Math.round(perSecond(o)),
        bare_per_s: Math.round(perSecond(b)),
        ratio: round(perSecond(o) / perSecond(b), 3),
        ours_p99_ms: round(percentile(o.steady.latenciesMs, 99)),
        bare_p99_ms: round(percentile(b.steady.latenciesMs, 99)),
        ours_p50_ms: round(percentile(o.steady.latenciesMs, 50)),
        bare_p50_ms: round(percentile(b.steady.latenciesMs, 50)),
        rate_per_s: RATE,
        steady_messages: o.steady.messages,
        ours_saturated_msgs_per_s: round(o.saturate.messages / o.saturate.seconds),
        bare_saturated_msgs_per_s: round(b.saturate.messages / b.saturate.seconds),
        ours_errors: o.steady.errors.length + o.saturate.errors.length,
      }),
    );
  }
  await ours.close();
  await bare.close();
} finally {
  await mongoose.connection.db?.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await database.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
