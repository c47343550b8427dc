/**
 * `npm run bench:memory`: heap and RSS per idle, authenticated, joined socket. BENCH_MEMORY_SOCKETS
 * (5,000) sockets connect to our server (real session cookies, real handshake, `room:join` of the
 * bench room) and, in the same run, to a bare Socket.IO server (`socket.join` only:
 * bench/fanoutBare.ts), from BENCH_CLIENT_PROCESSES client processes. Each server runs in its own
 * process with --expose-gc (bench/serverProcess.ts) and is asked over IPC for its heap and RSS after
 * full collections, before the first socket and once all are joined and idle; the difference divided
 * by the sockets is the figure. Target: 14 KiB of heap per socket or less (bare Socket.IO holds
 * about 9 KiB). Both servers are also read at 1,000 sockets (BENCH_MEMORY_MARGINAL_FROM): what each
 * socket beyond those adds (`*_heap_marginal_kib_per_socket`) leaves out what fills once, at the first
 * sockets, up to a cap (our kept CASL abilities, say), which the average above spreads over them all.
 * Both are read again once the sockets have been idle BENCH_MEMORY_IDLE_SECONDS (160; 0 skips it):
 * `*_heap_idle_kib_per_socket`, after what is kept only for people who act has been let go.
 *
 * With BENCH_MEMORY_SNAPSHOT (1 by default; 0 skips it), our server writes a heap snapshot at 1,000
 * and at 2,000 sockets (BENCH_MEMORY_SNAPSHOT_AT), and the JSON line names what grew most per socket between them (constructors,
 * closures, strings: bench/heapSnapshot.ts). Each socket holds a file descriptor in the server and in
 * a client process: the npm script raises `ulimit -n`; run under a limit above the socket count.
 * Prints one JSON line (bench "memory").
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import '../server/models/index.js';
import { ClientPool } from './clientPool.js';
import { grownHolders, summarize } from './heapSnapshot.js';
import { startServerProcess, type ServerKind, type ServerMemory } from './serverProcess.js';
import { withBenchDatabase } from './benchDatabase.js';

const SOCKETS = Number(process.env.BENCH_MEMORY_SOCKETS ?? 5000);
/** The socket counts at which our server's heap is snapshotted (two, below BENCH_MEMORY_SOCKETS). */
const SNAPSHOT_AT = (process.env.BENCH_MEMORY_SNAPSHOT_AT ?? '1000,2000').split(',').map(Number);
const SNAPSHOT =
  process.env.BENCH_MEMORY_SNAPSHOT !== '0' &&
  SNAPSHOT_AT.length === 2 &&
  SNAPSHOT_AT.every((n) => n < SOCKETS);
/** BENCH_MEMORY_SNAPSHOT_BARE=1: bare Socket.IO is snapshotted at the same counts (to compare holders). */
const SNAPSHOT_BARE = process.env.BENCH_MEMORY_SNAPSHOT_BARE === '1';
const TARGET_HEAP_KIB = 14;
/**
 * How long the joined sockets stay idle before the second reading (0: none). Past the authorizer's
 * KEPT_ABILITY_IDLE_MS and its sweep, so what is kept only for people who act has gone.
 */
const IDLE_SECONDS = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 160);

/** The socket count from which the marginal heap per socket is read (below BENCH_MEMORY_SOCKETS). */
const MARGINAL_FROM = Number(process.env.BENCH_MEMORY_MARGINAL_FROM ?? 1000);
const KIB = 1024;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** What one server holds per socket, and (for ours) what grew most between the two snapshots. */
interface Measured {
  heapPerSocketKiB: number;
  /** Heap per socket beyond the first MARGINAL_FROM (null when there are not more sockets than that). */
  heapMarginalKiB: number | null;
  /** Heap per socket once the sockets have been idle IDLE_SECONDS (null when not read). */
  heapIdleKiB: number | null;
  rssPerSocketKiB: number;
  handshakeMs: number;
  joinMs: number;
  /** Sockets still connected once all had joined (should be all). */
  alive: number;
  topHolders?: { name: string; bytes_per_socket: number; objects_per_socket: number }[];
}

async function measure(
  kind: ServerKind,
  pool: ClientPool,
  address: { uri: string; dbName: string; dataDir: string },
): Promise<Measured> {
  const server = await startServerProcess(kind, SOCKETS, address);
  const files: string[] = [];
  try {
    const cookies = server.cookies(SOCKETS - 1);
    const before: ServerMemory = await server.memory();
    // Connected in steps: snapshots at 1,000 and 2,000 sockets (ours), then the rest.
    const snapshotted = SNAPSHOT && (kind === 'ours' || SNAPSHOT_BARE);
    const marginal = MARGINAL_FROM > 0 && MARGINAL_FROM < SOCKETS;
    const steps = [
      ...new Set([...(snapshotted ? SNAPSHOT_AT : []), ...(marginal ? [MARGINAL_FROM] : []), SOCKETS]),
    ].sort((a, b) => a - b);
    let atMarginalFrom: ServerMemory | undefined;
    let connected = 0;
    let handshakeMs = 0;
    let joinMs = 0;
    let alive = 0;
    for (const step of steps) {
      const spread = await pool.connect(
        kind,
        server.url,
        server.roomId,
        cookies.slice(connected, step),
        false,
      );
      handshakeMs += spread.handshakeMs;
      joinMs += spread.joinMs;
      alive = spread.alive;
      connected = step;
      console.error(
        `[memory ${kind}] ${connected} sockets joined (this step: handshakes ${Math.round(spread.handshakeMs)} ms, joins ${Math.round(spread.joinMs)} ms; ${spread.alive} connected)`,
      );
      if (step === MARGINAL_FROM && marginal) atMarginalFrom = await server.memory();
      if (snapshotted && SNAPSHOT_AT.includes(step))
        files.push(
          await server.snapshot(path.join(os.tmpdir(), `bench-memory-${kind}-${step}.heapsnapshot`)),
        );
    }
    const after = await server.memory();
    let idle: ServerMemory | null = null;
    if (IDLE_SECONDS > 0) {
      console.error(`[memory ${kind}] idle for ${IDLE_SECONDS} s`);
      await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
      idle = await server.memory();
    }
    await pool.closeSide(kind);
    const measured: Measured = {
      heapPerSocketKiB: round((after.heapUsed - before.heapUsed) / SOCKETS / KIB, 2),
      heapMarginalKiB: atMarginalFrom
        ? round((after.heapUsed - atMarginalFrom.heapUsed) / (SOCKETS - MARGINAL_FROM) / KIB, 2)
        : null,
      heapIdleKiB: idle ? round((idle.heapUsed - before.heapUsed) / SOCKETS / KIB, 2) : null,
      rssPerSocketKiB: round((after.rss - before.rss) / SOCKETS / KIB, 2),
      handshakeMs,
      joinMs,
      alive,
    };
    if (files.length === 2) {
      const [first = '', second = ''] = files;
      const between = (SNAPSHOT_AT[1] ?? 0) - (SNAPSHOT_AT[0] ?? 0);
      const grown = grownHolders(summarize(first), summarize(second)).slice(0, 10);
      measured.topHolders = grown.map((h) => ({
        name: h.name,
        bytes_per_socket: Math.round(h.bytes / between),
        objects_per_socket: round(h.count / between, 2),
      }));
      for (const h of measured.topHolders)
        console.error(
          `[memory ${kind}] +${h.bytes_per_socket} B/socket  ${h.objects_per_socket} objects  ${h.name}`,
        );
    }
    return measured;
  } finally {
    // BENCH_MEMORY_KEEP_SNAPSHOTS=1 keeps them (in the temp folder) to open in a heap viewer.
    if (process.env.BENCH_MEMORY_KEEP_SNAPSHOTS !== '1')
      for (const file of files) rmSync(file, { force: true });
    else console.error(`[memory ${kind}] snapshots kept: ${files.join(', ')}`);
    await server.close();
  }
}

await withBenchDatabase(async (dataDir, database) => {
  const pool = new ClientPool();
  try {
    const address = { ...database, dataDir };
    const bare = await measure('bare', pool, address);
    const ours = await measure('ours', pool, address);
    console.log(
      JSON.stringify({
        bench: 'memory',
        sockets: SOCKETS,
        ours_heap_kib_per_socket: ours.heapPerSocketKiB,
        bare_heap_kib_per_socket: bare.heapPerSocketKiB,
        heap_ratio: round(ours.heapPerSocketKiB / bare.heapPerSocketKiB, 2),
        marginal_from_sockets: MARGINAL_FROM,
        ours_heap_marginal_kib_per_socket: ours.heapMarginalKiB,
        bare_heap_marginal_kib_per_socket: bare.heapMarginalKiB,
        idle_seconds: IDLE_SECONDS,
        ours_heap_idle_kib_per_socket: ours.heapIdleKiB,
        bare_heap_idle_kib_per_socket: bare.heapIdleKiB,
        met_idle: ours.heapIdleKiB === null ? null : ours.heapIdleKiB <= TARGET_HEAP_KIB,
        ours_rss_kib_per_socket: ours.rssPerSocketKiB,
        bare_rss_kib_per_socket: bare.rssPerSocketKiB,
        rss_ratio: round(ours.rssPerSocketKiB / bare.rssPerSocketKiB, 2),
        target_heap_kib_per_socket: TARGET_HEAP_KIB,
        met: ours.heapPerSocketKiB <= TARGET_HEAP_KIB,
        ours_connect_ms: Math.round(ours.handshakeMs),
        ours_join_ms: Math.round(ours.joinMs),
        bare_connect_ms: Math.round(bare.handshakeMs),
        bare_join_ms: Math.round(bare.joinMs),
        ours_connected: ours.alive,
        bare_connected: bare.alive,
        ours_top_holders: ours.topHolders,
        ...(bare.topHolders ? { bare_top_holders: bare.topHolders } : {}),
        client_processes: pool.size,
        load_average: os.loadavg().map((l) => round(l, 2)),
      }),
    );
  } finally {
    pool.close();
  }
});
