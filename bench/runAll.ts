/**
 * `npm run bench`: every benchmark in turn, each in its own process with quick settings (below; a
 * variable set in the environment wins), printing one JSON line per figure line a benchmark prints,
 * each with `bench` (the benchmark's own name for the figure when it gives one, else the entry's) and
 * `load_average` (the machine's 1, 5 and 15-minute load when the line was printed, unless the
 * benchmark gave its own), plus `suite` (the entry's name). Progress goes to stderr. A benchmark that
 * fails or outlives its time limit prints one line with `error` and the run goes on.
 * BENCH_ONLY=fanout,memory runs only those entries; a listed file that does not exist is skipped.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** One benchmark of the suite. */
interface Entry {
  name: string;
  file: string;
  /** Quick settings, used unless the environment sets them. */
  env: Record<string, string>;
  /** Node options beyond tsx (upload measures RSS after a forced GC). */
  nodeOptions?: string[];
  /** Stopped after this long. */
  limitMinutes: number;
}

/** The suite, in the order it runs. */
export const BENCHMARKS: Entry[] = [
  { name: 'directory', file: 'directory.ts', env: { BENCH_SECONDS: '3' }, limitMinutes: 3 },
  { name: 'fanout', file: 'fanout.ts', env: { BENCH_SECONDS: '3', BENCH_ROUNDS: '3' }, limitMinutes: 6 },
  { name: 'forum-reply', file: 'forumReply.ts', env: { BENCH_REPLIES: '10' }, limitMinutes: 3 },
  { name: 'search', file: 'search.ts', env: {}, limitMinutes: 2 },
  {
    name: 'upload',
    file: 'upload.ts',
    env: { BENCH_UPLOAD_MB: '256' },
    nodeOptions: ['--expose-gc'],
    limitMinutes: 3,
  },
  { name: 'memory', file: 'memory.ts', env: {}, limitMinutes: 14 },
  { name: 'storm', file: 'storm.ts', env: {}, limitMinutes: 6 },
  { name: 'agents', file: 'agents.ts', env: {}, limitMinutes: 6 },
  { name: 'growth', file: 'growth.ts', env: {}, limitMinutes: 6 },
];

const load = () => os.loadavg().map((l) => Number(l.toFixed(2)));

function print(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/** Runs one benchmark; resolves with its exit code (or a reason it did not finish). */
function runOne(entry: Entry): Promise<string | null> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', ...(entry.nodeOptions ?? []), path.join(import.meta.dirname, entry.file)],
    { env: { ...entry.env, ...process.env }, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  createInterface({ input: child.stdout }).on('line', (text) => {
    let figure: unknown;
    try {
      figure = JSON.parse(text);
    } catch {
      figure = undefined;
    }
    if (!figure || typeof figure !== 'object' || Array.isArray(figure)) {
      console.error(`[${entry.name}] ${text}`);
      return;
    }
    print({ bench: entry.name, ...figure, suite: entry.name, load_average: load(), ...pick(figure) });
  });
  running = child.pid;
  return new Promise((resolve) => {
    const limit = setTimeout(() => {
      // The benchmark and every process it started (its own process group).
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      resolve(`stopped after ${entry.limitMinutes} minutes`);
    }, entry.limitMinutes * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(limit);
      running = undefined;
      resolve(code === 0 ? null : `exit ${code ?? signal}`);
    });
  });
}

/** A benchmark's own load average wins over the one read here. */
function pick(figure: object): Record<string, unknown> {
  const own = (figure as { load_average?: unknown }).load_average;
  return own === undefined ? {} : { load_average: own };
}

let running: number | undefined;
// Stopped by hand: the running benchmark's processes go too.
process.once('SIGINT', () => {
  if (running) process.kill(-running, 'SIGTERM');
  process.exit(130);
});

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const started = performance.now();
for (const entry of BENCHMARKS) {
  if (only && !only.includes(entry.name)) continue;
  if (!existsSync(path.join(import.meta.dirname, entry.file))) {
    console.error(`[${entry.name}] skipped: bench/${entry.file} does not exist`);
    continue;
  }
  const t0 = performance.now();
  console.error(`[${entry.name}] running (limit ${entry.limitMinutes} min)`);
  const failure = await runOne(entry);
  const seconds = Math.round((performance.now() - t0) / 1000);
  console.error(`[${entry.name}] ${failure ?? 'done'} in ${seconds} s`);
  if (failure) print({ bench: entry.name, suite: entry.name, error: failure, seconds, load_average: load() });
}
console.error(`all benchmarks: ${Math.round((performance.now() - started) / 1000)} s`);
