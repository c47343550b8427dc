/**
 * The current members of rooms, kept per node for the work that asks about a room again and again
 * (the workspace sidebar's activity hints, several times a second in a busy network): reading a city
 * room's members scans people and memberships. An entry lives at most the sharing cache's time
 * (sharingCache.ts) and ALL entries go whenever any person's sharing is forgotten there (a membership,
 * role, status, city or hub change, on every node), so a room's members are never older than the
 * latest such change. Callers still decide each item with the policy (readersAmong).
 */
import { currentMemberIds } from '../../policy/spaceMembers.js';

/** The facts of a space its members depend on. */
export type MemberSpace = Parameters<typeof currentMemberIds>[0];

interface Kept {
  ids: Promise<string[]>;
  expiresAt: number;
}

/** The most rooms kept; the oldest go first. */
const KEPT_ROOMS = 10_000;
const kept = new Map<string, Kept>();

/** The current member ids of the space: kept, or read (and kept for at most `ttlMs`). */
export function cachedRoomMembers(space: MemberSpace, ttlMs: number): Promise<string[]> {
  const key = String(space._id);
  const now = Date.now();
  const found = kept.get(key);
  if (found && found.expiresAt > now) return found.ids;
  const entry: Kept = { ids: currentMemberIds(space), expiresAt: now + ttlMs };
  kept.delete(key);
  kept.set(key, entry);
  if (kept.size > KEPT_ROOMS) kept.delete(kept.keys().next().value as string);
  entry.ids.catch(() => {
    if (kept.get(key) === entry) kept.delete(key);
  });
  return entry.ids;
}

/** Forgets every room's members (someone's sharing changed; a read after this is fresh). */
export function forgetRoomMembers(): void {
  kept.clear();
}
