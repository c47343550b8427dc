/**
 * Who might be told about a content event: the current members of the item's space before and after
 * the change, and its author, each with a sharing context loaded now (so permission changes count at
 * once). The broadcaster then decides, person by person, what each may receive.
 */
import type { SharingContext } from '../../shared/policy/sharingContext.js';
import { loadSharingContext } from '../policy/loadSharingContext.js';
import type { ContentEvent } from '../events/contentEvents.js';
import { loadActivePersonActors } from '../policy/personActor.js';
import { spacesById } from '../services/spaces/spaceLookups.js';
import { currentMemberIds } from '../policy/spaceMembers.js';

/** The candidates of an event, with fresh contexts. */
export async function broadcastCandidates(event: ContentEvent): Promise<SharingContext[]> {
  const spaceIds = [...new Set([event.before?.spaceId, event.after.spaceId].filter(Boolean).map(String))];
  const spaces = await spacesById(spaceIds);
  const ids = new Set<string>([String(event.after.authorId)]);
  for (const space of spaces.values()) for (const id of await currentMemberIds(space)) ids.add(id);
  const actors = await loadActivePersonActors([...ids]);
  return Promise.all(actors.map((actor) => loadSharingContext(actor)));
}
