/**
 * `npm run bench:storm`: the reconnect storm. BENCH_CLIENTS people (5,000), in rooms of
 * BENCH_ROOM_SIZE (100), connect from BENCH_CLIENT_PROCESSES (4) client processes
 * (bench/stormClients.ts: the web client's socket and room behaviour), each joining their room; one
 * sender per room keeps sending acknowledged messages (BENCH_RATE, 20 per second in all). After
 * BENCH_WARM_SECONDS (5) a node is killed (SIGKILL: no goodbye to anyone):
 * - `single`: one node (bench/stormNode.ts) on the embedded database, restarted on the same port at
 *   once; times count from the moment the new node listens (and, apart, from the kill);
 * - `pair`: two nodes behind Redis (Debian's redis-server, started here on a free port) and a TCP
 *   balancer (bench/stormBalancer.ts); one node is killed and not restarted, its clients reconnect
 *   through the balancer to the other; times count from the kill.
 * Per affected socket, the time until it had rejoined AND held every message acknowledged before it
 * rejoined (missed ones come in the join's answer, or from history pages, as the web client reads
 * them); at the end, after BENCH_AFTER_SECONDS (3) more of sending, every socket must hold every
 * acknowledged message of its room. One JSON line per mode (BENCH_STORM_MODES, `single,pair`).
 */
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import '../server/models/index.js';
import type { StormClientCommand, StormClientReport, StormSocketReport } from './stormClients.js';
import { withStormDatabase } from './stormDatabase.js';
import { createPeople, createRooms, type StormPerson, type StormRoom } from './stormPopulation.js';
import {
  forkDriven,
  freePort,
  killNow,
  newAuditKey,
  newDataKey,
  startBalancer,
  startNode,
  startRedis,
  type Driven,
} from './stormProcesses.js';
import { startSender } from './stormSender.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 5000);
const ROOM_SIZE = Number(process.env.BENCH_ROOM_SIZE ?? 100);
const PROCESSES = Math.max(1, Number(process.env.BENCH_CLIENT_PROCESSES ?? 4));
const RATE = Number(process.env.BENCH_RATE ?? 20);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 5);
const AFTER_SECONDS = Number(process.env.BENCH_AFTER_SECONDS ?? 3);
const STORM_TIMEOUT_SECONDS = Number(process.env.BENCH_STORM_TIMEOUT ?? 90);
const MODES = (process.env.BENCH_STORM_MODES ?? 'single,pair').split(',') as ('single' | 'pair')[];
/** The target: caught up within this many seconds. */
const TARGET_SECONDS = 10;

const log = (line: string) => console.error(`[storm] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
  return Number.isFinite(value) ? Math.round(value) : null;
}

/** The run's nodes and how to kill one. */
interface Cluster {
  url: string;
  /** Kills a node; resolves with the moment clients can connect again (ms epoch). */
  kill(): Promise<number>;
  close(): Promise<void>;
}

async function singleNode(database: Parameters<typeof startNode>[0]['database']): Promise<Cluster> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const settings = { database, publicUrl: url, dataKey: newDataKey(), auditKey: newAuditKey() };
  let node = await startNode(settings, port);
  return {
    url,
    async kill() {
      await killNow(node.child);
      node = await startNode(settings, port);
      return Date.now();
    },
    async close() {
      await killNow(node.child);
    },
  };
}

async function twoNodes(database: Parameters<typeof startNode>[0]['database']): Promise<Cluster> {
  const [redisPort, balancerPort, portA, portB] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const redis: ChildProcess = await startRedis(redisPort);
  const url = `http://127.0.0.1:${balancerPort}`;
  const settings = {
    database,
    publicUrl: url,
    dataKey: newDataKey(),
    auditKey: newAuditKey(),
    redisUrl: `redis://127.0.0.1:${redisPort}`,
  };
  const nodes = [await startNode(settings, portA as number), await startNode(settings, portB as number)];
  const balancer = await startBalancer(balancerPort as number, [portA as number, portB as number]);
  return {
    url,
    async kill() {
      await killNow((nodes[0] as Driven).child);
      return Date.now();
    },
    async close() {
      for (const node of nodes) await killNow(node.child);
      await killNow(balancer.child);
      await killNow(redis);
    },
  };
}

async function storm(mode: 'single' | 'pair'): Promise<void> {
  await withStormDatabase(async (database) => {
    const roomCount = Math.max(1, Math.ceil(CLIENTS / ROOM_SIZE));
    const rooms: StormRoom[] = await createRooms(roomCount);
    const people: StormPerson[] = await createPeople(rooms, roomCount + CLIENTS);
    const senders = people.slice(0, roomCount);
    const members = people.slice(roomCount);
    log(`${mode}: ${roomCount} rooms, ${people.length} people and sessions inserted`);
    const cluster = mode === 'single' ? await singleNode(database) : await twoNodes(database);
    const clients: Driven[] = [];
    try {
      const connecting = performance.now();
      await Promise.all(
        Array.from({ length: PROCESSES }, async (_, p) => {
          const client = forkDriven('stormClients.ts');
          clients.push(client);
          const mine = members.filter((_, i) => i % PROCESSES === p);
          await client.ask({
            type: 'connect',
            url: cluster.url,
            origin: cluster.url,
            members: mine.map((m) => ({ cookie: m.cookie, roomId: (rooms[m.room] as StormRoom).roomId })),
          } satisfies StormClientCommand);
        }),
      );
      log(
        `${mode}: ${CLIENTS} sockets connected and joined in ${Math.round(performance.now() - connecting)} ms`,
      );
      const sender = await startSender(
        cluster.url,
        cluster.url,
        senders.map((s) => ({ cookie: s.cookie, roomId: (rooms[s.room] as StormRoom).roomId })),
        RATE,
      );
      await sleep(WARM_SECONDS * 1000);

      const killedAt = Date.now();
      const readyAt = await cluster.kill();
      log(
        `${mode}: node killed; clients may connect again after ${readyAt - killedAt} ms (ready at ${new Date(readyAt).toISOString().slice(11, 23)})`,
      );
      const statusCommand: StormClientCommand = { type: 'status', since: killedAt };
      const status = async () => {
        const all = await Promise.all(
          clients.map((c) => c.ask<{ affected: number; rejoined: number }>(statusCommand)),
        );
        return all.reduce(
          (s, a) => ({ affected: s.affected + a.affected, rejoined: s.rejoined + a.rejoined }),
          {
            affected: 0,
            rejoined: 0,
          },
        );
      };
      const deadline = Date.now() + STORM_TIMEOUT_SECONDS * 1000;
      let seen = await status();
      while ((seen.affected === 0 || seen.rejoined < seen.affected) && Date.now() < deadline) {
        await sleep(250);
        seen = await status();
      }
      log(
        `${mode}: ${seen.rejoined} of ${seen.affected} affected sockets rejoined after ${Date.now() - readyAt} ms`,
      );
      await sleep(AFTER_SECONDS * 1000);
      await sender.stop();
      await sleep(3000);

      const reportCommand: StormClientCommand = { type: 'report', since: killedAt, acked: sender.acked };
      const reports = await Promise.all(
        clients.map((c) =>
          c.ask<{ report: StormClientReport }>(reportCommand).then((answer) => answer.report),
        ),
      );
      const sockets = reports.flatMap((r) => r.sockets);
      const affected = sockets.filter((s) => s.affected);
      // Each affected socket's moment (null: never) as time since the node was up, in order.
      const sinceReady = (at: (s: StormSocketReport) => number | null | undefined) =>
        affected
          .map((s) => at(s) ?? Number.POSITIVE_INFINITY)
          .map((t) => Math.max(0, t - readyAt))
          .sort((a, b) => a - b);
      const fromReady = sinceReady((s) => s.caughtUpAt);
      const fromKill = affected
        .map((s) => (s.caughtUpAt === null ? Number.POSITIVE_INFINITY : s.caughtUpAt - killedAt))
        .sort((a, b) => a - b);
      // When each socket first tried again once the node was up (its back-off may keep it waiting).
      const triedFromReady = sinceReady((s) => s.attempts.find((t) => t >= readyAt));
      const connectedFromReady = sinceReady((s) => s.reconnectedAt);
      const joinedFromReady = sinceReady((s) => s.rejoinedAt);
      const lost = new Set(sockets.flatMap((s) => s.missing));
      if (lost.size > 0) {
        const when = new Map(sender.acked.map((m) => [m.seq, m.ackAt - killedAt]));
        const sample = [...lost].slice(0, 20).map((seq) => `${seq}@${when.get(seq)}ms`);
        log(`${mode}: lost (seq@ack time after the kill): ${sample.join(' ')}`);
      }
      const within = (limitMs: number) =>
        affected.length === 0
          ? null
          : round(fromReady.filter((t) => t <= limitMs).length / affected.length, 3);
      console.log(
        JSON.stringify({
          mode,
          clients: CLIENTS,
          client_processes: PROCESSES,
          rooms: roomCount,
          rate_msgs_per_s: RATE,
          affected: affected.length,
          caught_up: affected.filter((s) => s.caughtUpAt !== null).length,
          // single: the node's restart (kill to listening); pair: 0, the other node is up.
          node_down_ms: readyAt - killedAt,
          p50_rejoin_ms: percentile(fromReady, 50),
          p95_rejoin_ms: percentile(fromReady, 95),
          p100_rejoin_ms: percentile(fromReady, 100),
          p95_from_kill_ms: percentile(fromKill, 95),
          // The handshake answered (connected again), then the join answered, whether or not every
          // missed message came with it.
          p50_first_attempt_ms: percentile(triedFromReady, 50),
          p95_first_attempt_ms: percentile(triedFromReady, 95),
          p50_connect_ms: percentile(connectedFromReady, 50),
          p95_connect_ms: percentile(connectedFromReady, 95),
          p50_join_ms: percentile(joinedFromReady, 50),
          p95_join_ms: percentile(joinedFromReady, 95),
          p100_join_ms: percentile(joinedFromReady, 100),
          rejoined_within_10s: within(TARGET_SECONDS * 1000),
          acked_messages: sender.acked.length,
          lost_acked_messages: lost.size,
          lost_deliveries: sockets.reduce((sum, s) => sum + s.missing.length, 0),
          sends_while_down: sender.failures.down,
          sends_refused: sender.failures.refused,
          sends_unanswered: sender.failures.unanswered,
          refusal_codes: [...sender.failures.codes],
          join_timeouts: reports.reduce((sum, r) => sum + r.joinTimeouts, 0),
          join_errors: [...new Set(reports.flatMap((r) => r.joinErrors))],
          history_pages_back: reports.reduce((sum, r) => sum + r.morePages, 0),
          load_average: os.loadavg().map((l) => round(l, 2)),
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.ask({ type: 'close' }).catch(() => undefined)));
      for (const client of clients) await killNow(client.child);
      await cluster.close();
    }
  });
}

for (const mode of MODES) await storm(mode);
