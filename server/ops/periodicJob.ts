/**
 * A job that runs now and then every `everyMs` in this process, never two runs at once (a tick that
 * finds a run in progress is skipped). A failed run is logged as `failure` and the next tick tries
 * again. Its timer does not keep the process alive; `stop` waits for the run in progress.
 */
import type { Logger } from '../logger.js';

/** A running periodic job. */
export interface PeriodicJob {
  /** Stops the timer; resolves when the run in progress (if any) is over. */
  stop(): Promise<void>;
}

/** Starts `run` at once and then every `everyMs`. */
export function startPeriodicJob(options: {
  everyMs: number;
  logger: Logger;
  /** The log message of a failed run. */
  failure: string;
  run: () => Promise<void>;
}): PeriodicJob {
  const { everyMs, logger, failure, run } = options;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch((error: unknown) => logger.warn({ err: error }, failure))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
