/**
 * The sharing contexts of people with open sockets, kept per node so that a handshake and a
 * `room:join` need no reads beyond the session and the room. An entry holds a person's actor (read at
 * the handshake, active people only), and, once a room asks for it, their sharing context and
 * explicit membership roles. Actor and context misses asked for close together share their queries
 * (db/batchLoader.ts, loadSharingBatch.ts), so a storm of reconnections costs a few large reads,
 * not a few per client.
 *
 * Kept correct by invalidation, not by time: `forgetPerson` is called on every membership, role,
 * label, status, city, hub and erasure change (the `membership`, `access` and `sessions.ended` domain
 * events, on every node: server/sockets/sharingInvalidation.ts), and `forgetEveryone` when a node may
 * have missed such news (its Redis link came back). A load started before an invalidation is never
 * kept after it. What can only widen access without an event (a new space, a membership made by a
 * service that publishes none) is caught by the reader: a refusal from a cached context is decided
 * again from a fresh one (server/services/rooms/roomAccess.ts).
 *
 * With more than one node, a change's news may reach another node after the person's next request
 * does. So each entry also keeps the person's version token from a shared store (Redis), read before
 * the entry is loaded; the node that publishes a change replaces the token at once (inside the
 * publish, before its answer leaves), and a join compares tokens (one Redis read beside the room's
 * database read): a different or unreadable token means the entry is read afresh.
 *
 * Bounded: at most {@link SharingCacheLimits.maxEntries} people (least recently used go first), each
 * kept at most {@link SharingCacheLimits.ttlMs}; nothing is held per socket, so a disconnected
 * socket leaves nothing behind.
 */
import type { PersonActor } from '../../../shared/policy/actor.js';
import { loadActivePersonActor, loadActivePersonActors } from '../../policy/personActor.js';
import { batchLoader, byIdLoader } from '../../db/batchLoader.js';
import { cachedRoomMembers, forgetRoomMembers, type MemberSpace } from './roomMembersCache.js';
import { loadSharingBatch, type LoadedSharing } from '../../policy/loadSharingBatch.js';

/** What the cache keeps of a person beyond the actor: their context and explicit roles by space. */
export type CachedSharing = LoadedSharing;

/** Actors of active people, read together when asked for close together (db/batchLoader.ts). */
const loadActor = byIdLoader(loadActivePersonActor, async (ids) => {
  const actors = await loadActivePersonActors(ids);
  return new Map(actors.map((actor) => [actor.id, actor]));
});

/** Contexts, read together when asked for close together. */
const loadContext = batchLoader(async (actors: PersonActor[]) => {
  const loaded = await loadSharingBatch(actors);
  return new Map(
    actors.flatMap((a) => {
      const l = loaded.get(a.id);
      return l ? [[a, l] as const] : [];
    }),
  );
});

/** How much the cache holds. */
export interface SharingCacheLimits {
  /** The most people kept (least recently used are dropped first). */
  maxEntries: number;
  /** How long an entry is kept at most (ms), a bound on staleness should an invalidation be lost. */
  ttlMs: number;
}

/** People's version tokens, shared by every node (Redis); absent with a single node. */
export interface SharingVersions {
  /** Replaces the person's token; sent at once, never awaited. */
  bump(personId: string): void;
  /** The person's token now (null when none); rejects when the store cannot be read. */
  current(personId: string): Promise<string | null>;
}

let versions: SharingVersions | undefined;

/** Uses a shared store of version tokens (more than one node), or none; clears the cache. */
export function useSharingVersions(store: SharingVersions | undefined): void {
  versions = store;
  entries.clear();
}

/** Replaces the person's version token in the shared store, if any (see the module comment). */
export function bumpSharingVersion(personId: string): void {
  versions?.bump(personId);
}

interface Entry {
  actor: Promise<PersonActor | null>;
  /** The person's version token when the entry was made (undefined with a single node). */
  version?: Promise<string | null>;
  sharing?: Promise<CachedSharing | null>;
  /** The actor once loaded, to recognise actors handed out by this entry. */
  resolved?: PersonActor | null;
  expiresAt: number;
}

const DEFAULT_LIMITS: SharingCacheLimits = { maxEntries: 10_000, ttlMs: 60_000 };
let limits: SharingCacheLimits = DEFAULT_LIMITS;
const entries = new Map<string, Entry>();

/** Changes the limits (tests, or settings); clears the cache. */
export function configureSharingCache(changes: Partial<SharingCacheLimits> = {}): void {
  limits = { ...DEFAULT_LIMITS, ...changes };
  entries.clear();
  forgetRoomMembers();
}

/** The current member ids of a room, kept beside the people's sharing (roomMembersCache.ts). */
export function roomMembers(space: MemberSpace): Promise<string[]> {
  return cachedRoomMembers(space, limits.ttlMs);
}

/** How many people are kept now. */
export function sharingCacheSize(): number {
  return entries.size;
}

/** Drops what is kept about a person (their access may have changed); later reads load again. */
export function forgetPerson(personId: string): void {
  entries.delete(personId);
  forgetRoomMembers();
}

/**
 * Drops the person's entry to read it again, when nothing is known to have changed (a refused join is
 * decided afresh): rooms' members are kept.
 */
export function rereadPerson(personId: string): void {
  entries.delete(personId);
}

/** Drops everything kept (this node may have missed invalidations). */
export function forgetEveryone(): void {
  entries.clear();
  forgetRoomMembers();
}

/** The live entry of a person, moved to the most recently used end; expired entries are dropped. */
function liveEntry(personId: string): Entry | undefined {
  const entry = entries.get(personId);
  if (!entry) return undefined;
  entries.delete(personId);
  if (entry.expiresAt <= Date.now()) return undefined;
  entries.set(personId, entry);
  return entry;
}

/** Keeps a new entry, dropping the least recently used ones beyond the limit. */
function keep(personId: string, entry: Entry): void {
  entries.delete(personId);
  entries.set(personId, entry);
  while (entries.size > limits.maxEntries) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}

/** Drops the entry on failure (only if it is still the kept one), so errors are never cached. */
function unlessFailed<T>(personId: string, entry: Entry, promise: Promise<T>): Promise<T> {
  promise.catch(() => {
    if (entries.get(personId) === entry) entries.delete(personId);
  });
  return promise;
}

function newEntry(personId: string): Entry {
  const entry: Entry = { actor: Promise.resolve(null), expiresAt: Date.now() + limits.ttlMs };
  // Read before anything is loaded: a change after this read makes the token differ later.
  // An unreadable token (store down) is one no later read equals: the entry is then read afresh.
  if (versions) entry.version = versions.current(personId).catch(() => `unreadable ${Math.random()}`);
  entry.actor = unlessFailed(
    personId,
    entry,
    // Batched by byIdLoader: a few by `_id` each (FerretDB's one unscanned lookup), many with `$in`.
    loadActor(personId).then((actor) => {
      entry.resolved = actor ?? null;
      return actor ?? null;
    }),
  );
  keep(personId, entry);
  return entry;
}

/** The actor of an active person (null when they are not active), from the cache or one read. */
export function cachedActor(personId: string): Promise<PersonActor | null> {
  return (liveEntry(personId) ?? newEntry(personId)).actor;
}

async function loadSharing(actor: PersonActor | null): Promise<CachedSharing | null> {
  return actor ? ((await loadContext(actor)) ?? null) : null;
}

/** The person's actor, context and roles (null when not active), from the cache or loaded now. */
export function cachedSharing(personId: string): Promise<CachedSharing | null> {
  const entry = liveEntry(personId) ?? newEntry(personId);
  entry.sharing ??= unlessFailed(
    personId,
    entry,
    // The token is read before the context (an unreadable token keeps nothing).
    Promise.all([entry.version, entry.actor]).then(([, actor]) => loadSharing(actor)),
  );
  return entry.sharing;
}

/**
 * The cached sharing of the person behind `actor`, when `actor` is the very object this node's
 * cache handed out and still keeps (so never after an invalidation); otherwise undefined. With a
 * shared version store, it resolves to null unless the person's token is still the entry's (read
 * now, beside whatever the caller reads): the caller then decides afresh.
 */
export function cachedSharingOf(actor: PersonActor): Promise<CachedSharing | null> | undefined {
  const entry = entries.get(actor.id);
  if (!entry || entry.resolved !== actor || entry.expiresAt <= Date.now()) return undefined;
  const sharing = cachedSharing(actor.id);
  if (!versions || !entry.version) return sharing;
  const kept = entry.version;
  return Promise.all([sharing, kept, versions.current(actor.id)]).then(
    ([loaded, then, now]) => (then === now ? loaded : null),
    () => null,
  );
}
