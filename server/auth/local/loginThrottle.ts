/**
 * Lock-out with back-off for local sign-in. Per account: after 5 failures in a row the account is
 * locked for 1, 2, 4 ... up to 60 minutes (doubling with each further failure), kept in the database
 * so every node agrees. Per address: at most LOGIN_FAILURES_PER_IP_PER_HOUR failures an hour
 * (shared through Redis when configured).
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Types } from 'mongoose';
import type { Config } from '../../config.js';
import { LocalCredentialModel } from '../../models/LocalCredential.js';
import { RateLimitedError } from '../../errors.js';

const FREE_FAILURES = 5;
const MAX_LOCK_MINUTES = 60;

/** The per-address failure budget. */
export interface IpThrottle {
  /** Throws RateLimited when the address has used up its failures. */
  check(ip: string): Promise<void>;
  /** Counts one failure. */
  fail(ip: string): Promise<void>;
}

/** Builds the per-address throttle. */
export function createIpThrottle(config: Config, redis?: Redis): IpThrottle {
  const options = { keyPrefix: 'login-fail', points: config.loginFailuresPerIpPerHour, duration: 3600 };
  const memory = new RateLimiterMemory(options);
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        ...options,
        storeClient: redis,
        keyPrefix: 'concordia:rl:login-fail',
        insuranceLimiter: memory,
      })
    : memory;
  return {
    async check(ip) {
      const state = await limiter.get(ip);
      if (state && state.remainingPoints <= 0)
        throw new RateLimitedError(Math.max(1, Math.ceil(state.msBeforeNext / 1000)));
    },
    async fail(ip) {
      await limiter.penalty(ip, 1);
    },
  };
}

/** Whether the account is locked now. */
export function isLocked(lockedUntil: Date | null | undefined, now = Date.now()): boolean {
  return Boolean(lockedUntil && lockedUntil.getTime() > now);
}

/** Counts a failure on the account and locks it with back-off past the free failures. */
export async function recordAccountFailure(credentialId: Types.ObjectId): Promise<void> {
  const updated = await LocalCredentialModel.findOneAndUpdate(
    { _id: credentialId },
    { $inc: { failedAttempts: 1 } },
    { returnDocument: 'after' },
  ).lean();
  const failures = updated?.failedAttempts ?? 0;
  if (failures < FREE_FAILURES) return;
  const minutes = Math.min(MAX_LOCK_MINUTES, 2 ** (failures - FREE_FAILURES));
  await LocalCredentialModel.updateOne(
    { _id: credentialId },
    { $set: { lockedUntil: new Date(Date.now() + minutes * 60_000) } },
  );
}

/** Clears the failures after a full successful sign-in. */
export async function clearAccountFailures(credentialId: Types.ObjectId): Promise<void> {
  await LocalCredentialModel.updateOne(
    { _id: credentialId },
    { $set: { failedAttempts: 0, lockedUntil: null } },
  );
}
