/**
 * Work that follows a stored write and need not hold up its answer (notifying thousands of
 * subscribers, say): run in the background with bounded concurrency, retried with a growing pause,
 * and logged when it finally fails. The write itself is already stored, so nothing a task does can
 * lose it. Process-local: each write's follow-up runs on the node that stored it.
 */
import type { Logger } from '../logger.js';

/** How many follow-up tasks run at once. */
export const AFTER_WRITE_CONCURRENCY = 4;
/** How many times a failing task is tried. */
export const AFTER_WRITE_ATTEMPTS = 3;

interface Task {
  name: string;
  run: () => Promise<unknown>;
  attempt: number;
}

const queue: Task[] = [];
const idleWaiters: (() => void)[] = [];
let running = 0;
let logger: Pick<Logger, 'warn' | 'error'> | null = null;

/** Where failures are logged (server/main.ts sets the server's logger). */
export function setAfterWriteLogger(log: Pick<Logger, 'warn' | 'error'>): void {
  logger = log;
}

function pump(): void {
  while (running < AFTER_WRITE_CONCURRENCY && queue.length > 0) {
    const task = queue.shift() as Task;
    running += 1;
    task
      .run()
      .catch((error: unknown) => {
        if (task.attempt + 1 < AFTER_WRITE_ATTEMPTS) {
          logger?.warn(
            { err: error, task: task.name, attempt: task.attempt + 1 },
            'follow-up failed; retrying',
          );
          const retry = { ...task, attempt: task.attempt + 1 };
          setTimeout(
            () => {
              queue.push(retry);
              pump();
            },
            200 * 4 ** task.attempt,
          ).unref();
        } else logger?.error({ err: error, task: task.name }, 'follow-up failed for good');
      })
      .finally(() => {
        running -= 1;
        pump();
        if (running === 0 && queue.length === 0) for (const wake of idleWaiters.splice(0)) wake();
      });
  }
}

/** Runs `run` after the current write, in the background. */
export function afterWrite(name: string, run: () => Promise<unknown>): void {
  queue.push({ name, run, attempt: 0 });
  pump();
}

/** Resolves once no follow-up task is queued or running (tests, graceful shutdown). */
export function afterWritesSettled(): Promise<void> {
  if (running === 0 && queue.length === 0) return Promise.resolve();
  return new Promise((resolve) => idleWaiters.push(resolve));
}
