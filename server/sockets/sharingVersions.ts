/**
 * People's sharing version tokens in Redis, for the sharing cache of more than one node
 * (server/services/rooms/sharingCache.ts): the node that publishes a permission change replaces the
 * person's token at once (the command leaves before the request's answer does), and a join on any
 * node compares the token its cached entry was read under with the token now. A token lives ten
 * times longer than a cache entry may; one that expired only makes an entry be read again.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { SharingVersions } from '../services/rooms/sharingCache.js';

/** How long a token is kept (ms). */
export const SHARING_VERSION_TTL_MS = 10 * 60_000;

const key = (personId: string) => `concordia:sharing-version:${personId}`;

/** The version store on a Redis client (one that fails fast while Redis is down). */
export function redisSharingVersions(redis: Redis, logger: Logger): SharingVersions {
  return {
    bump(personId) {
      redis
        .set(key(personId), randomUUID(), 'PX', SHARING_VERSION_TTL_MS)
        .catch((error: unknown) => logger.warn({ err: error }, 'sharing version not replaced'));
    },
    current: (personId) => redis.get(key(personId)),
  };
}
