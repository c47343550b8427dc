/**
 * `npm run bench:agents`: how many concurrently active people one node holds. Simulated people
 * (bench/agentsWorker.ts, modelled on Mattermost's load-test agents: sign in, read rooms and forums,
 * post, react, search, switch rooms, idle, with think times) in BENCH_AGENT_PROCESSES (4) processes
 * work against one node (bench/stormNode.ts, started with --expose-gc) on the embedded database, in
 * BENCH_AGENT_CITIES (20) cities of two rooms each, with BENCH_AGENT_TOPICS (30) forum topics.
 *
 * Ramp (default): BENCH_AGENTS_START (100) agents, then BENCH_AGENTS_STEP (100) more every
 * BENCH_STEP_SECONDS (60) up to BENCH_AGENTS_MAX (3000); each level is measured over its last three
 * quarters (the first lets the new agents sign in). The ramp stops at the first level where p99 API
 * latency > 200 ms, p99 delivery > 100 ms or any error; the JSON line gives the largest level that
 * held (`capacity`) with its three measures, and the level that broke and why. Each level's figures
 * go to stderr.
 *
 * Soak (BENCH_SOAK_MINUTES set): BENCH_AGENTS (2000) agents for that many minutes; the node's heap
 * after a full collection at the end of the first and of the last minute (drift in %), and its open
 * handles, listeners and sockets before the agents start and BENCH_SOAK_SETTLE_SECONDS (70: past the
 * database pool's idle time-out, server/db/connect.ts) after their processes ended.
 */
import os from 'node:os';
import '../server/models/index.js';
import { POOL_IDLE_MS } from '../server/db/connect.js';
import type { AgentCommand, AgentFigures } from './agentsWorker.js';
import { createAgentWorld } from './agentsSetup.js';
import { withStormDatabase } from './stormDatabase.js';
import type { NodeProbe } from './stormNode.js';
import {
  forkDriven,
  freePort,
  killNow,
  newAuditKey,
  newDataKey,
  startNode,
  type Driven,
} from './stormProcesses.js';

const PROCESSES = Math.max(1, Number(process.env.BENCH_AGENT_PROCESSES ?? 4));
const CITIES = Number(process.env.BENCH_AGENT_CITIES ?? 20);
const TOPICS = Number(process.env.BENCH_AGENT_TOPICS ?? 30);
const START = Number(process.env.BENCH_AGENTS_START ?? 100);
const STEP = Number(process.env.BENCH_AGENTS_STEP ?? 100);
const MAX = Number(process.env.BENCH_AGENTS_MAX ?? 3000);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 60);
const SOAK_MINUTES = process.env.BENCH_SOAK_MINUTES ? Number(process.env.BENCH_SOAK_MINUTES) : null;
/** How long after the agents' processes ended the soak reads the node's handles again. */
const SOAK_SETTLE_SECONDS = Number(process.env.BENCH_SOAK_SETTLE_SECONDS ?? POOL_IDLE_MS / 1000 + 10);
const SOAK_AGENTS = Number(process.env.BENCH_AGENTS ?? 2000);
const LIMITS = { apiP99Ms: 200, deliveryP99Ms: 100 };

const log = (line: string) => console.error(`[agents] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
}

/** The figures of every process for one period, together. */
interface Period {
  agents: number;
  apiP50: number | null;
  apiP99: number | null;
  deliveryP99: number | null;
  requests: number;
  deliveries: number;
  errors: Record<string, number>;
  actions: Record<string, number>;
  /** The three request kinds with the highest p99. */
  slowest: string[];
}

async function measure(workers: Driven[]): Promise<Period> {
  const all = await Promise.all(workers.map((w) => w.ask<AgentFigures>({ type: 'measure' })));
  const byKind: Record<string, number[]> = {};
  for (const figures of all)
    for (const [kind, times] of Object.entries(figures.apiMs)) (byKind[kind] ??= []).push(...times);
  const apiMs = Object.values(byKind).flat();
  const slowest = Object.entries(byKind)
    .map(([kind, times]) => [kind, percentile(times, 99) ?? 0, times.length] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([kind, p99, n]) => `${kind} p99 ${p99} ms (${n})`);
  const deliveryMs = all.flatMap((f) => f.deliveryMs);
  const sum = (records: Record<string, number>[]) => {
    const out: Record<string, number> = {};
    for (const record of records)
      for (const [key, n] of Object.entries(record)) out[key] = (out[key] ?? 0) + n;
    return out;
  };
  return {
    agents: all.reduce((n, f) => n + f.agents, 0),
    apiP50: percentile(apiMs, 50),
    apiP99: percentile(apiMs, 99),
    deliveryP99: percentile(deliveryMs, 99),
    requests: apiMs.length,
    deliveries: deliveryMs.length,
    errors: sum(all.map((f) => f.errors)),
    actions: sum(all.map((f) => f.actions)),
    slowest,
  };
}

/** Why a period breaks the limits, or null when it held. */
function broken(period: Period): string | null {
  const errors = Object.values(period.errors).reduce((a, b) => a + b, 0);
  if (errors > 0) return `errors: ${JSON.stringify(period.errors)}`;
  if ((period.apiP99 ?? 0) > LIMITS.apiP99Ms) return `p99 API ${period.apiP99} ms`;
  if ((period.deliveryP99 ?? 0) > LIMITS.deliveryP99Ms) return `p99 delivery ${period.deliveryP99} ms`;
  return null;
}

await withStormDatabase(async (database) => {
  const wanted = SOAK_MINUTES === null ? MAX : SOAK_AGENTS;
  const world = await createAgentWorld(CITIES, wanted, TOPICS);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const node = await startNode(
    { database, publicUrl: url, dataKey: newDataKey(), auditKey: newAuditKey() },
    port,
    ['--expose-gc'],
  );
  const workers = Array.from({ length: PROCESSES }, () => forkDriven('agentsWorker.ts'));
  try {
    await world.seed(url);
    log(`${CITIES} cities, ${CITIES * 2} rooms, ${TOPICS} topics, ${wanted} people ready`);
    let started = 0;
    const grow = async (to: number) => {
      const people = world.people.slice(started, to);
      await Promise.all(
        workers.map((worker, w) => {
          const command: AgentCommand = {
            type: 'add',
            url,
            topicIds: world.topicIds,
            people: people.filter((_, i) => i % PROCESSES === w),
          };
          return worker.ask(command);
        }),
      );
      started = to;
    };

    if (SOAK_MINUTES === null) {
      let held: (Period & { level: number }) | null = null;
      let broke: { level: number; reason: string } | null = null;
      for (let level = START; level <= MAX; level += STEP) {
        await grow(level);
        await sleep((STEP_SECONDS * 1000) / 4);
        await measure(workers);
        await sleep((STEP_SECONDS * 3000) / 4);
        const period = await measure(workers);
        const reason = broken(period);
        log(`level ${level}: ${JSON.stringify(period)}${reason ? ` -> broke (${reason})` : ''}`);
        if (reason) {
          broke = { level, reason };
          break;
        }
        held = { ...period, level };
      }
      console.log(
        JSON.stringify({
          bench: 'agents',
          capacity: held?.level ?? 0,
          api_p99_ms: held?.apiP99 ?? null,
          api_p50_ms: held?.apiP50 ?? null,
          delivery_p99_ms: held?.deliveryP99 ?? null,
          errors: 0,
          requests_per_s: held ? round(held.requests / ((STEP_SECONDS * 3) / 4)) : null,
          broke_at: broke?.level ?? null,
          broke_because: broke?.reason ?? null,
          step: STEP,
          step_seconds: STEP_SECONDS,
          load_average: os.loadavg().map((l) => round(l, 2)),
        }),
      );
    } else {
      // The seeding's keep-alive connections time out first (the server's keep-alive is 5 s).
      await sleep(6_000);
      const before = await node.ask<NodeProbe>({ type: 'probe' });
      await grow(SOAK_AGENTS);
      const periods: Period[] = [];
      let first: NodeProbe | null = null;
      let last: NodeProbe | null = null;
      for (let minute = 1; minute <= SOAK_MINUTES; minute++) {
        await sleep(60_000);
        periods.push(await measure(workers));
        log(`minute ${minute}: ${JSON.stringify(periods.at(-1))}`);
        if (minute === 1) first = await node.ask<NodeProbe>({ type: 'probe' });
        if (minute === SOAK_MINUTES) last = await node.ask<NodeProbe>({ type: 'probe' });
      }
      // The agents stop and their processes end (closing their keep-alive connections), then the
      // node has SOAK_SETTLE_SECONDS to let go of what they held (past POOL_IDLE_MS, the database
      // pool's idle connections are closed too).
      await Promise.all(workers.map((w) => w.ask({ type: 'stop' })));
      for (const worker of workers) await killNow(worker.child);
      await sleep(SOAK_SETTLE_SECONDS * 1000);
      const after = await node.ask<NodeProbe>({ type: 'probe' });
      const errors = periods.reduce((n, p) => n + Object.values(p.errors).reduce((a, b) => a + b, 0), 0);
      const worst = (key: 'apiP99' | 'deliveryP99') => Math.max(...periods.map((p) => p[key] ?? 0));
      console.log(
        JSON.stringify({
          bench: 'agents-soak',
          agents: SOAK_AGENTS,
          minutes: SOAK_MINUTES,
          heap_first_minute_mb: first ? mb(first.heapUsed) : null,
          heap_last_minute_mb: last ? mb(last.heapUsed) : null,
          heap_drift_pct:
            first && last ? round(((last.heapUsed - first.heapUsed) / first.heapUsed) * 100, 2) : null,
          rss_first_mb: first ? mb(first.rss) : null,
          rss_last_mb: last ? mb(last.rss) : null,
          handles_before: before.handles,
          handles_after: after.handles,
          tcp_peers_before: before.tcpPeers,
          tcp_peers_after: after.tcpPeers,
          listeners_before: before.listeners,
          listeners_after: after.listeners,
          sockets_before: before.sockets,
          sockets_after: after.sockets,
          worst_minute_api_p99_ms: worst('apiP99'),
          worst_minute_delivery_p99_ms: worst('deliveryP99'),
          errors,
          load_average: os.loadavg().map((l) => round(l, 2)),
        }),
      );
    }
  } finally {
    await Promise.all(workers.map((w) => w.ask({ type: 'stop' }).catch(() => undefined)));
    for (const worker of workers) await killNow(worker.child);
    await killNow(node.child);
  }
});
