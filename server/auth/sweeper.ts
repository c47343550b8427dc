/**
 * The periodic sweep that expires identity data (FerretDB has no TTL indexes): sessions past their
 * expiry, issued SAML request ids, the assertion replay cache, and used or expired e-mail links.
 * Every node may run it; the deletes are idempotent.
 */
import { AuthLinkModel } from '../models/AuthLink.js';
import { SamlAssertionModel } from '../models/SamlAssertion.js';
import { SamlRequestModel } from '../models/SamlRequest.js';
import { SessionModel } from '../models/Session.js';
import type { Logger } from '../logger.js';

/** Deletes everything expired now; returns how many documents went. */
export async function sweepExpired(now = new Date()): Promise<number> {
  const results = await Promise.all([
    SessionModel.deleteMany({ expires: { $lte: now } }),
    SamlRequestModel.deleteMany({ expiresAt: { $lte: now } }),
    SamlAssertionModel.deleteMany({ expiresAt: { $lte: now } }),
    AuthLinkModel.deleteMany({ expiresAt: { $lte: now } }),
  ]);
  return results.reduce((sum, r) => sum + r.deletedCount, 0);
}

/** A running sweeper. */
export interface Sweeper {
  stop(): void;
}

/** Starts sweeping every `intervalMs` (one minute by default). */
export function startSweeper(logger: Logger, intervalMs = 60_000): Sweeper {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepExpired()
      .then((count) => {
        if (count > 0) logger.debug({ count }, 'swept expired identity data');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'sweep failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
