/**
 * Keeps every node's sharing cache (server/services/rooms/sharingCache.ts) in step with permission
 * changes: a `membership`, `access` or person-wide `sessions.ended` event (membership, roles, labels,
 * city or hub status, suspension, erasure) drops the person's entry on this node at once, and, with
 * more than one node (the Redis adapter), on every other node: the person's version token is
 * replaced at once (sharingVersions.ts; what makes the next join on any node read afresh), and a
 * server-side emit tells the other nodes to drop the entry and refresh their sockets' grants. The
 * domain bus itself is process-local; these are what cross nodes.
 *
 * Attach it before the processors that re-read a person's access (sockets/rooms.ts), so they read
 * afresh: inline processors run in subscription order.
 */
import type { Server } from 'socket.io';
import { subscribe } from '../events/domainEvents.js';
import { bumpSharingVersion, forgetPerson } from '../services/rooms/sharingCache.js';
import type { RealtimeServer } from './types.js';

/** The server-side event that carries an invalidation to the other nodes. */
export const FORGET_PERSON = 'sharing:forget';

/**
 * Subscribes the invalidations; `clustered` when other nodes share the adapter; `onRemote` is told of
 * each person another node invalidated (after the entry is dropped here). Returns the detach.
 */
export function attachSharingInvalidation(
  io: RealtimeServer,
  clustered: boolean,
  onRemote: (personId: string) => void = () => undefined,
): () => void {
  // InterServerEvents declares no events: this one is ours alone, typed here.
  const server = io as unknown as Server;
  const forget = (personId: string) => {
    forgetPerson(personId);
    // The other nodes' entries stop counting at once (their joins compare tokens), before the news.
    bumpSharingVersion(personId);
    if (clustered) server.serverSideEmit(FORGET_PERSON, personId);
  };
  const fromRemote = (personId: unknown) => {
    if (typeof personId !== 'string') return;
    forgetPerson(personId);
    onRemote(personId);
  };
  server.on(FORGET_PERSON, fromRemote);
  const offs = [
    subscribe('membership', 'sharing cache invalidation', (event) => forget(event.personId)),
    subscribe('access', 'sharing cache invalidation', (event) => forget(event.personId)),
    subscribe('sessions.ended', 'sharing cache invalidation', (ended) => {
      if ('personId' in ended) forget(ended.personId);
    }),
  ];
  return () => {
    server.off(FORGET_PERSON, fromRemote);
    for (const off of offs) off();
  };
}
