/**
 * Rate limits of the SCIM endpoints: per token once it is known (a directory sync is bursty, so the
 * budget is five times a person's), and per address for requests whose token fails, so a token cannot
 * be guessed faster than the API's sign-in allows. With Redis, all nodes share the counters; if Redis
 * is unreachable, the in-memory limiter stands in.
 */
import type { Redis } from 'ioredis';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../../config.js';
import { ScimError } from '../../scim/scimError.js';
import { sharedLimiter } from '../rateLimit.js';

/** The two SCIM limiters. */
export interface ScimLimits {
  /** Consumes one request of a token; throws a 429 ScimError (with retryAfter) when spent. */
  perToken(tokenId: string): Promise<void>;
  /** Consumes one failed authentication of an address; throws a 429 ScimError when spent. */
  failedAuth(address: string): Promise<void>;
}

/** A 429 that carries when to come back. */
export class ScimRateLimited extends ScimError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'Too many requests; slow down.');
  }
}

async function consume(limit: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limit.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw new ScimRateLimited(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}

/** The SCIM limiters, sized from RATE_LIMIT_PER_MINUTE. */
export function createScimLimits(config: Config, redis?: Redis): ScimLimits {
  const perToken = sharedLimiter('scim-token', config.rateLimit.perMinute * 5, 60, redis);
  const failed = sharedLimiter(
    'scim-auth-failed',
    Math.max(1, Math.floor(config.rateLimit.perMinute / 20)),
    60,
    redis,
  );
  return {
    perToken: (tokenId) => consume(perToken, tokenId),
    failedAuth: (address) => consume(failed, address),
  };
}
