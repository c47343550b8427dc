/**
 * The Socket.IO adapter for more than one node (REDIS_URL): `@socket.io/redis-streams-adapter` on
 * ioredis, so rooms, emits, `fetchSockets`, `socketsLeave` and `disconnectSockets` reach every node.
 *
 * Clients: the publisher fails fast while Redis is down (no offline queue), so a node keeps
 * delivering to its own sockets at once instead of queueing behind Redis; the stream reader and the
 * pub/sub subscriber (the adapter duplicates the publisher for them) queue and retry forever, so the
 * reader resumes the stream where it stopped. Every client reconnects with a capped back-off and logs
 * once per outage (server/ops/redis.ts).
 *
 * What a node may miss while Redis is down (live deliveries published by other nodes, or its own
 * publishes that failed) is stored in the database already; `onResync` tells the real-time layer when
 * clients should fetch it again (`room:resync`).
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logger.js';
import { createRedisClient } from '../ops/redis.js';

/** How far before the last good publish clients should look again: clock skew between nodes. */
export const RESYNC_MARGIN_MS = 2_000;

/** A request to resynchronise clients: from when, and whether other nodes' clients need it too. */
export interface ResyncRequest {
  /** Clients should re-fetch what was created since then. */
  since: Date;
  /** True when this node's own publishes may have failed, so other nodes' clients missed them. */
  clusterWide: boolean;
}

/** The adapter with its Redis clients. */
export interface RedisAdapter {
  /** Pass to `new Server(…, { adapter })`. */
  adapter: ReturnType<typeof createAdapter>;
  /** Stops the clients (after the namespace's adapter was closed). */
  close(): void;
}

/** Commands the adapter fires without handling their failure (persistSession, ephemeral publishes). */
const FIRE_AND_FORGET = new Set<PropertyKey>(['set', 'publish', 'spublish']);

/**
 * Builds the adapter on `url`. `onResync` is called when the node's link to Redis is back after an
 * outage, and shortly after a publish failed while the link looked up.
 */
export function createRedisAdapter(
  url: string,
  logger: Logger,
  onResync: (request: ResyncRequest) => void,
): RedisAdapter {
  const clients: Redis[] = [];
  const down = new Set<symbol>();
  let downSince: number | null = null;
  // What was published before this moment reached Redis; what came after may not have (a link can
  // hang for a while before the client notices it is gone).
  let lastPublishOk = Date.now();
  let publisherFailed = false;
  let pendingResync: NodeJS.Timeout | undefined;

  const resync = (since: number, clusterWide: boolean) =>
    onResync({ since: new Date(since - RESYNC_MARGIN_MS), clusterWide });

  // One client of this node: its outages count towards the node's link being down.
  const client = (role: string, options: RedisOptions, isPublisher: boolean): Redis => {
    const key = Symbol(role);
    const made = createRedisClient(url, role, logger, options, {
      lost() {
        down.add(key);
        downSince ??= Date.now();
        if (isPublisher) publisherFailed = true;
      },
      back() {
        down.delete(key);
        if (down.size > 0 || downSince === null) return;
        const since = Math.min(downSince, lastPublishOk);
        const clusterWide = publisherFailed;
        downSince = null;
        publisherFailed = false;
        resync(since, clusterWide);
      },
    });
    clients.push(made);
    return made;
  };

  const publisher = client(
    'socket adapter (publish)',
    { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    true,
  );
  let duplicates = 0;
  const duplicate = (): Redis =>
    client(
      duplicates++ === 0 ? 'socket adapter (stream)' : 'socket adapter (pub/sub)',
      { maxRetriesPerRequest: null, enableOfflineQueue: true },
      false,
    );

  // The adapter duplicates the client it is given for its stream reader and its subscriber; this view
  // hands it ours (with an offline queue) and marks the promises it never awaits as handled.
  const view = new Proxy(publisher, {
    get(target, property) {
      if (property === 'duplicate') return duplicate;
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!FIRE_AND_FORGET.has(property)) return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        result.catch(() => undefined);
        return result;
      };
    },
  });

  const make = createAdapter(view, { streamName: 'concordia:socket.io', maxLen: 10_000 });
  // Socket.IO calls the adapter with `new`: a plain function returning the instance.
  const adapter = function (nsp: unknown) {
    const instance = make(nsp);
    const publish = instance.doPublish.bind(instance) as (message: unknown) => Promise<unknown>;
    // A publish that fails while the link looks up (Redis refused it) also costs other nodes their
    // live delivery: ask everyone to resynchronise once things settle.
    instance.doPublish = (message: Parameters<typeof instance.doPublish>[0]) =>
      publish(message).then(
        (offset) => {
          if (downSince === null) lastPublishOk = Date.now();
          return offset;
        },
        (error: unknown) => {
          if (downSince === null && !pendingResync) {
            const failedAt = Date.now();
            logger.warn({ err: (error as Error).message }, 'socket adapter publish failed');
            pendingResync = setTimeout(() => {
              pendingResync = undefined;
              resync(Math.min(failedAt, lastPublishOk), true);
            }, 1_000);
            pendingResync.unref();
          }
          throw error;
        },
      );
    // While Redis is down the other nodes cannot answer: fetchSockets (presence, audits) answers with
    // this node's sockets instead of failing.
    const serverCount = instance.serverCount.bind(instance);
    instance.serverCount = () => serverCount().catch(() => 1);
    return instance;
  } as typeof make;

  return {
    adapter,
    close() {
      clearTimeout(pendingResync);
      for (const client of clients) client.disconnect();
    },
  };
}
