/**
 * Flood control for rooms (rate-limiter-flexible): each person may send so many messages per window,
 * and each room may receive so many from everyone together. With Redis (the client the HTTP limiters
 * use) the counters are shared by every node; without it, or while Redis is unreachable, memory
 * counters stand in, so the limits never switch off. Reactions and edits count against the person.
 */
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitedError } from '../../errors.js';

/** The room limits: points per `windowSeconds`. */
export interface FloodLimits {
  perPerson: number;
  perRoom: number;
  windowSeconds: number;
}

/** The defaults: 20 messages per person and 300 per room every 10 seconds. */
export const DEFAULT_FLOOD_LIMITS: FloodLimits = { perPerson: 20, perRoom: 300, windowSeconds: 10 };

function limiter(prefix: string, points: number, duration: number, redis?: Redis): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: prefix, points, duration });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `concordia:rl:${prefix}`,
    points,
    duration,
    insuranceLimiter: memory,
  });
}

let person = limiter('room-person', DEFAULT_FLOOD_LIMITS.perPerson, DEFAULT_FLOOD_LIMITS.windowSeconds);
let room = limiter('room-room', DEFAULT_FLOOD_LIMITS.perRoom, DEFAULT_FLOOD_LIMITS.windowSeconds);

/** Sets the limits and their store (called once at start by the real-time layer). */
export function configureFloodControl(limits: FloodLimits, redis?: Redis): void {
  person = limiter('room-person', limits.perPerson, limits.windowSeconds, redis);
  room = limiter('room-room', limits.perRoom, limits.windowSeconds, redis);
}

async function take(limit: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limit.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes)
      throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    throw rejection;
  }
}

/** Counts one write by a person; throws RateLimitedError past the limit. */
export function consumePersonWrite(personId: string): Promise<void> {
  return take(person, personId);
}

/** Counts one message into a room; throws RateLimitedError past the limit. */
export function consumeRoomMessage(roomId: string): Promise<void> {
  return take(room, roomId);
}
