/**
 * The retention job, started by server/main.ts: once an hour (and once at start), each content type
 * with a retention period set deletes what is older than it (services/content/expireContent.ts). With
 * no period set it does nothing and says so once in the log. No two runs overlap in one process; two
 * nodes running it at once both skip what the other already deleted.
 */
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ContentKind } from '../services/content/contentKind.js';
import { expireContent, retentionCutoff } from '../services/content/expireContent.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

/** How often the job looks for expired material. */
const EVERY_MS = 60 * 60 * 1000;

/** A running retention job. */
export type RetentionJob = PeriodicJob;

/** Runs the job once for `kinds` at `now`; returns what each type deleted (types without a period: none). */
export async function runRetention(config: Config, kinds: ContentKind[], now = new Date()) {
  const results = [];
  for (const kind of kinds) {
    const days = config.retentionDays[kind.retentionSetting];
    if (days) results.push(await expireContent(kind, retentionCutoff(days, now)));
  }
  return results;
}

/** Starts the job for `kinds` (the declared content types). */
export function startRetentionJob(deps: {
  config: Config;
  logger: Logger;
  kinds: ContentKind[];
}): RetentionJob {
  const { config, logger, kinds } = deps;
  if (!kinds.some((kind) => config.retentionDays[kind.retentionSetting])) {
    // Label periods (RETENTION_DAYS_<LABEL>) are the file housekeeping's: documents are then not kept for ever.
    if (Object.keys(config.uploads.labelRetentionDays).length === 0)
      logger.info('No RETENTION_DAYS_* is set: content is kept until it is deleted');
    return { stop: async () => undefined };
  }
  return startPeriodicJob({
    everyMs: EVERY_MS,
    logger,
    failure: 'retention run failed',
    run: async () => {
      for (const r of await runRetention(config, kinds))
        if (r.deleted > 0) logger.info(r, 'retention deleted expired content');
    },
  });
}
