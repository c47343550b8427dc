/**
 * The audit anchor job, started by server/main.ts: every 5 minutes, and at shutdown, appends the
 * signed head of the audit chain to AUDIT_ANCHOR_FILE when it moved (audit/anchors.ts), so `audit
 * verify` can prove later that nothing below it was rewritten or cut. Without an audit key it does
 * nothing (production always has one).
 */
import type { Logger } from '../logger.js';
import { chainHead, writeAnchor } from '../audit/anchors.js';
import type { AuditKeys } from '../audit/auditKey.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

/** How often the head is anchored. */
const EVERY_MS = 5 * 60 * 1000;

/** Starts the job; `stop` writes a last anchor. */
export function startAuditAnchorJob(deps: {
  logger: Logger;
  keys: AuditKeys | null;
  file: string;
}): PeriodicJob {
  const { logger, keys, file } = deps;
  if (!keys) return { stop: async () => undefined };
  let anchored: string | null = null;
  const anchorIfMoved = async () => {
    const head = await chainHead();
    if (!head || `${head.seq}:${head.hash}` === anchored) return;
    const anchor = await writeAnchor(keys, file);
    if (anchor) anchored = `${anchor.seq}:${anchor.hash}`;
  };
  const job = startPeriodicJob({
    everyMs: EVERY_MS,
    logger,
    failure: 'audit anchor failed',
    run: anchorIfMoved,
  });
  return {
    async stop() {
      await job.stop();
      await anchorIfMoved().catch((error: unknown) => logger.warn({ err: error }, 'audit anchor failed'));
    },
  };
}
