/**
 * Rate limits for every route (rate-limiter-flexible): a general budget per client, a smaller one for
 * writes, and a much smaller one for public forms. With REDIS_URL the counters are shared by all
 * nodes; if Redis is unreachable the in-memory limiter stands in, so limits never switch off.
 */
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { RateLimitedError } from '../errors.js';

/** The limiters of one app. */
export interface RateLimits {
  /** Every request, per address, before anyone is identified: generous, since a city hall shares one address. */
  general: RequestHandler;
  /** API requests, per signed-in person (or per address when anonymous). */
  perPerson: RequestHandler;
  /** State-changing API requests, per person or address. */
  writes: RequestHandler;
  /** Public forms, per address. */
  publicForm: RequestHandler;
}

/** How many people may share one address (a city hall's NAT) before the per-address limit bites. */
const PEOPLE_PER_ADDRESS = 10;

/** A limiter counted in Redis when configured (all nodes share it), in memory while Redis is down or absent. */
export function sharedLimiter(
  keyPrefix: string,
  points: number,
  duration: number,
  redis: Redis | undefined,
): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `concordia:rl:${keyPrefix}`,
    points,
    duration,
    insuranceLimiter: memory,
  });
}

/** An address key: IPv4 as is, IPv6 by its /64 network, which one client usually controls whole. */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'ip:unknown';
  const address = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!address.includes(':')) return `ip:${address}`;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `ip6:${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function clientKey(req: Parameters<RequestHandler>[0]): string {
  return req.actor.kind === 'person' ? `p:${req.actor.id}` : addressKey(req.ip);
}

function middleware(limit: RateLimiterAbstract, applies: (method: string) => boolean): RequestHandler {
  return (req, res, next) => {
    if (!applies(req.method)) return next();
    limit
      .consume(clientKey(req))
      .then((state) => {
        res.setHeader('RateLimit-Remaining', String(state.remainingPoints));
        next();
      })
      .catch((rejection: unknown) => {
        if (rejection instanceof RateLimiterRes)
          return next(new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000))));
        next(rejection);
      });
  };
}

const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/** Builds the limiters from the configuration. */
export function createRateLimits(config: Config, redis?: Redis): RateLimits {
  return {
    general: middleware(
      sharedLimiter('general', config.rateLimit.perMinute * PEOPLE_PER_ADDRESS, 60, redis),
      () => true,
    ),
    perPerson: middleware(sharedLimiter('per-person', config.rateLimit.perMinute, 60, redis), () => true),
    writes: middleware(sharedLimiter('writes', config.rateLimit.writesPerMinute, 60, redis), isWrite),
    publicForm: middleware(
      sharedLimiter('public-form', config.rateLimit.publicFormsPerHour, 3600, redis),
      () => true,
    ),
  };
}
