/**
 * Who might be told about a content event: the current members of the item's space before and after
 * the change, and its author, each with a sharing context loaded now (so permission changes count at
 * once). The broadcaster then decides, person by person, what each may receive. The real-time layer
 * narrows them to the people with an open socket first (`online`), so a space of thousands loads
 * contexts only for those who can receive anything now.
 */
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { loadSharingContext } from '../policy/loadSharingContext.js';
import type { ContentEvent } from '../events/contentEvents.js';
import { loadActivePersonActors } from '../policy/personActor.js';
import { spacesById } from '../services/spaces/spaceLookups.js';
import { currentMemberIds } from '../policy/spaceMembers.js';

/** Keeps, of the given people, those with an open socket (asked once per event, for all of them). */
export type OnlineFilter = (personIds: string[]) => Promise<string[]>;

/** The candidates of an event, with fresh contexts; only those `online` keeps, when given. */
export async function broadcastCandidates(
  event: ContentEvent,
  online?: OnlineFilter,
): Promise<SharingContext[]> {
  const spaceIds = [...new Set([event.before?.spaceId, event.after.spaceId].filter(Boolean).map(String))];
  const spaces = await spacesById(spaceIds);
  const ids = new Set<string>([String(event.after.authorId)]);
  for (const space of spaces.values()) for (const id of await currentMemberIds(space)) ids.add(id);
  const actors = await loadActivePersonActors(online ? await online([...ids]) : [...ids]);
  return Promise.all(actors.map((actor) => loadSharingContext(actor)));
}
