/**
 * The file housekeeping job, started by server/main.ts: once an hour (and once at start) it removes
 * expired unfinished uploads, purges infected files past their retention and scans clean files again
 * (services/documents/fileHousekeeping.ts). No two runs overlap in one process.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { runFileHousekeeping } from '../services/documents/fileHousekeeping.js';

const EVERY_MS = 60 * 60 * 1000;

/** A running housekeeping job. */
export interface FileHousekeepingJob {
  /** Stops the timer; resolves when the run in progress (if any) is over. */
  stop(): Promise<void>;
}

/** Starts the job. */
export function startFileHousekeepingJob(deps: { config: Config; logger: Logger }): FileHousekeepingJob {
  const { config, logger } = deps;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runFileHousekeeping(config.uploads)
      .then(({ rescanError, ...done }) => {
        if (rescanError) logger.warn({ err: rescanError }, 'file rescan skipped: the scanner did not answer');
        if (done.expiredUploads > 0 || done.purged > 0 || (done.rescan?.rescanned ?? 0) > 0)
          logger.info(done, 'file housekeeping');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'file housekeeping failed'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
