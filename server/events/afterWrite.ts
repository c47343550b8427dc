/**
 * Work that follows a stored write and need not hold up its answer (notifying thousands of
 * subscribers, say): run in the background with bounded concurrency, retried with a growing pause,
 * and logged when it finally fails. The write itself is already stored, so nothing a task does can
 * lose it. Process-local: each write's follow-up runs on the node that stored it. The domain-event
 * bus (domainEvents.ts) runs its background processors, and the retries of its inline ones, here.
 */
import type { Logger } from '../logger.js';

/** How many follow-up tasks run at once. */
export const AFTER_WRITE_CONCURRENCY = 4;
/** How many times a failing task is tried. */
export const AFTER_WRITE_ATTEMPTS = 3;

/** Optional settings of one follow-up task. */
export interface AfterWriteOptions {
  /** Tries already made elsewhere (the bus's first, inline try): fewer are left here. */
  attemptsMade?: number;
  /** Told of each failed try (`final` when no try is left), after it is logged. */
  onFailure?: (error: unknown, final: boolean) => void;
}

interface Task {
  name: string;
  run: () => unknown;
  attempt: number;
  onFailure: ((error: unknown, final: boolean) => void) | undefined;
}

const queue: Task[] = [];
const idleWaiters: (() => void)[] = [];
let running = 0;
let waiting = 0;
let logger: Pick<Logger, 'warn' | 'error'> | null = null;

/** Where failures are logged (server/main.ts sets the server's logger). */
export function setAfterWriteLogger(log: Pick<Logger, 'warn' | 'error'>): void {
  logger = log;
}

/** The logger set by setAfterWriteLogger, if any (the bus logs its inline failures there too). */
export function afterWriteLogger(): Pick<Logger, 'warn' | 'error'> | null {
  return logger;
}

function wakeIfIdle(): void {
  if (running === 0 && queue.length === 0 && waiting === 0) for (const wake of idleWaiters.splice(0)) wake();
}

function failed(task: Task, error: unknown): void {
  const final = task.attempt + 1 >= AFTER_WRITE_ATTEMPTS;
  if (!final) {
    logger?.warn({ err: error, task: task.name, attempt: task.attempt + 1 }, 'follow-up failed; retrying');
    const retry = { ...task, attempt: task.attempt + 1 };
    waiting += 1;
    setTimeout(
      () => {
        waiting -= 1;
        queue.push(retry);
        pump();
      },
      200 * 4 ** task.attempt,
    ).unref();
  } else logger?.error({ err: error, task: task.name }, 'follow-up failed for good');
  try {
    task.onFailure?.(error, final);
  } catch {
    // A counter that throws must not stop the queue.
  }
}

function pump(): void {
  while (running < AFTER_WRITE_CONCURRENCY && queue.length > 0) {
    const task = queue.shift() as Task;
    running += 1;
    // Started in a microtask, so a task that throws at once is a failure like any other and never
    // runs in the caller's stack.
    Promise.resolve()
      .then(() => task.run())
      .catch((error: unknown) => failed(task, error))
      .finally(() => {
        running -= 1;
        pump();
        wakeIfIdle();
      });
  }
}

/** Runs `run` after the current write, in the background. */
export function afterWrite(name: string, run: () => unknown, options: AfterWriteOptions = {}): void {
  queue.push({ name, run, attempt: options.attemptsMade ?? 0, onFailure: options.onFailure });
  pump();
}

/** Resolves once no follow-up task is queued, running or waiting to be retried (tests, shutdown). */
export function afterWritesSettled(): Promise<void> {
  if (running === 0 && queue.length === 0 && waiting === 0) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
