/**
 * Typing indicators: volatile (never stored), only for a room the socket has joined (its grant), and
 * throttled: a repeated "typing" within {@link TYPING_THROTTLE_MS} is dropped; "stopped" always passes
 * when "typing" was last told.
 */
import type { RoomGrant } from './roomAccess.js';

/** How often one socket may tell a room that its person is typing. */
export const TYPING_THROTTLE_MS = 2000;

/** Per grant: when "typing" was last told (absent or null when stopped). */
const lastTold = new WeakMap<RoomGrant, number | null>();

/** The payload to fan out, or null when throttled or nothing changed. */
export function setTyping(
  grant: RoomGrant,
  typing: boolean,
  now = Date.now(),
): { roomId: string; person: { id: string; name: string }; typing: boolean } | null {
  const last = lastTold.get(grant) ?? null;
  if (typing && last !== null && now - last < TYPING_THROTTLE_MS) return null;
  if (!typing && last === null) return null;
  lastTold.set(grant, typing ? now : null);
  return { roomId: grant.roomId, person: { id: grant.actor.id, name: grant.actor.name }, typing };
}
