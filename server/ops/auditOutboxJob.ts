/**
 * The audit sweep, started by server/main.ts: once at start and every minute, appends the entries
 * still waiting in audit outboxes (a crash or a failed append after the change was stored:
 * audit/auditOutbox.ts) and resumes membership approvals interrupted midway (older than a minute, so
 * one in progress is left to its request: services/applications/completeApproval.ts).
 */
import type { Logger } from '../logger.js';
import { sweepAuditOutbox } from '../audit/auditOutbox.js';
import { resumeApprovals } from '../services/applications/completeApproval.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

/** How often the outboxes are swept. */
const EVERY_MS = 60 * 1000;

/** Starts the sweep. */
export function startAuditOutboxJob(deps: { logger: Logger }): PeriodicJob {
  return startPeriodicJob({
    everyMs: EVERY_MS,
    logger: deps.logger,
    failure: 'audit outbox sweep failed',
    run: async () => {
      const approvals = await resumeApprovals(EVERY_MS);
      if (approvals > 0) deps.logger.warn({ approvals }, 'interrupted membership approvals completed');
      const appended = await sweepAuditOutbox();
      if (appended > 0) deps.logger.warn({ appended }, 'audit entries left in outboxes appended');
    },
  });
}
