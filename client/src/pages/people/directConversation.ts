/**
 * Direct conversations: opening (or finding) the room of a pair through POST /api/v1/rooms/direct,
 * and telling the other person of a direct room from its slug (`dm-<id>-<id>`, the sorted pair:
 * server/services/rooms/createDirectConversation.ts), so lists show it by that person's name.
 */
import { postWithCsrf } from '../../auth/csrf.js';

const DIRECT_SLUG = /^dm-([a-f0-9]{24})-([a-f0-9]{24})$/;

/** Opens the signed-in person's conversation with `personId`; resolves with its room id. Throws ApiError. */
export async function openDirectConversation(personId: string): Promise<string> {
  const room = await postWithCsrf<{ id: string }>('/rooms/direct', { person: personId });
  return room.id;
}

/** The other person of a direct room seen by `me`, or null when `slug` is not a direct room of `me`. */
export function directPartnerId(slug: string, me: string): string | null {
  const match = DIRECT_SLUG.exec(slug);
  if (!match) return null;
  const [, a, b] = match;
  if (a === me) return b ?? null;
  if (b === me) return a ?? null;
  return null;
}
