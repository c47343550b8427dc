/**
 * The file housekeeping job, started by server/main.ts: once an hour (and once at start) it removes
 * expired unfinished uploads, purges infected files past their retention, applies the labels' retention
 * periods to documents and scans clean files again (services/documents/fileHousekeeping.ts). No two
 * runs overlap in one process.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { runFileHousekeeping } from '../services/documents/fileHousekeeping.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

const EVERY_MS = 60 * 60 * 1000;

/** A running housekeeping job. */
export type FileHousekeepingJob = PeriodicJob;

/** Starts the job. */
export function startFileHousekeepingJob(deps: { config: Config; logger: Logger }): FileHousekeepingJob {
  const { config, logger } = deps;
  return startPeriodicJob({
    everyMs: EVERY_MS,
    logger,
    failure: 'file housekeeping failed',
    run: async () => {
      const { rescanError, ...done } = await runFileHousekeeping(config.uploads);
      if (rescanError) logger.warn({ err: rescanError }, 'file rescan skipped: the scanner did not answer');
      const retained = done.retention.due + done.retention.cleared + done.retention.purged;
      if (done.expiredUploads > 0 || done.purged > 0 || retained > 0 || (done.rescan?.rescanned ?? 0) > 0)
        logger.info(done, 'file housekeeping');
    },
  });
}
