/**
 * The expert requests' job, started by server/main.ts: every 10 minutes (and once at start), offers
 * past their time run out and pass to the next candidate (services/requests/offers.ts), and due-date
 * reminders go out (services/requests/remindDueRequests.ts).
 */
import type { Logger } from '../logger.js';
import { expireOffers } from '../services/requests/offers.js';
import { remindDueRequests } from '../services/requests/remindDueRequests.js';
import { startPeriodicJob, type PeriodicJob } from './periodicJob.js';

/** How often offers are looked at. */
const EVERY_MS = 10 * 60 * 1000;

/** The operator named in the audit log for the job's moves. */
const EXPIRY_OPERATOR = { kind: 'operator', name: 'offer expiry' } as const;

/** Starts the job. */
export function startOfferExpiryJob(deps: { logger: Logger }): PeriodicJob {
  return startPeriodicJob({
    everyMs: EVERY_MS,
    logger: deps.logger,
    failure: 'offer expiry run failed',
    run: async () => {
      const expired = await expireOffers(EXPIRY_OPERATOR);
      if (expired > 0) deps.logger.info({ expired }, 'offers of expert requests ran out');
      const reminded = await remindDueRequests();
      if (reminded > 0) deps.logger.info({ reminded }, 'due-date reminders of expert requests sent');
    },
  });
}
