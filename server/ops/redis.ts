/**
 * Redis clients (ioredis) that reconnect sanely and report outages once: a capped back-off between
 * attempts (forever; Redis is optional state, the node keeps serving), one warning when a client's
 * link is lost and one line when it is back, instead of a log line per attempt.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';

/** Milliseconds before reconnection attempt `times`: 100, 200, 400 … capped at 2 s. */
export function redisRetryDelay(times: number): number {
  return Math.min(100 * 2 ** Math.min(Math.max(times - 1, 0), 5), 2_000);
}

/** Listeners for one client's outages. */
export interface RedisLinkListener {
  /** The link was lost (called once per outage). */
  lost?(error: string): void;
  /** The link is back after a loss. */
  back?(downMs: number): void;
}

/**
 * A Redis client for `role` ("rate limits", "socket adapter" …) that logs once per outage. Options
 * are ioredis options; the retry strategy is {@link redisRetryDelay} unless given.
 */
export function createRedisClient(
  url: string,
  role: string,
  logger: Logger,
  options: RedisOptions = {},
  listener: RedisLinkListener = {},
): Redis {
  const client = new Redis(url, { retryStrategy: redisRetryDelay, ...options });
  watchRedisLink(client, role, logger, listener);
  return client;
}

/** Follows a client's link: one warning when it is lost, one info line when it is back. */
export function watchRedisLink(
  client: Redis,
  role: string,
  logger: Logger,
  listener: RedisLinkListener = {},
): void {
  let downSince: number | null = null;
  let lastError = 'connection closed';
  const lost = () => {
    if (downSince !== null) return;
    downSince = Date.now();
    logger.warn({ role, err: lastError }, 'redis link lost; reconnecting');
    listener.lost?.(lastError);
  };
  client.on('error', (error: Error) => {
    lastError = error.message;
    lost();
  });
  // 'reconnecting' (unlike 'close') does not follow a deliberate quit() or disconnect().
  client.on('reconnecting', lost);
  client.on('ready', () => {
    if (downSince === null) return;
    const downMs = Date.now() - downSince;
    downSince = null;
    logger.info({ role, downMs }, 'redis link back');
    listener.back?.(downMs);
  });
}
