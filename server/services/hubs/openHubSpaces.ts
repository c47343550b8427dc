/**
 * A new hub's own places: its forum (a hub space, GREEN, with a "General" category) and its room (a
 * hub space for live talk, GREEN), both open to the people of the hub's member cities. Made through
 * the spaces and forums services, so the sharing policy decides as for any space.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { createCategory } from '../forums/createCategory.js';
import { createSpace } from '../spaces/createSpace.js';

/** The slugs of a hub's forum and room. */
export function hubSpaceSlugs(hubSlug: string) {
  // Slugs are at most 64 characters: a long hub slug is cut before the suffix.
  const base = hubSlug.slice(0, 58).replace(/-+$/, '');
  return { forum: `${base}-forum`, room: `${base}-room` };
}

/** Creates the hub's forum and room; returns their slugs. */
export async function openHubSpaces(actor: Actor, hub: { slug: string; name: string }) {
  const slugs = hubSpaceSlugs(hub.slug);
  const common = {
    description: '',
    kind: 'hub' as const,
    hub: hub.slug,
    ceiling: 'GREEN' as const,
    defaultLabel: 'GREEN' as const,
    chathamHouse: false,
    leadersOnly: false,
  };
  await createSpace(actor, { ...common, slug: slugs.forum, name: `${hub.name} forum`.slice(0, 200) });
  await createCategory(actor, slugs.forum, {
    slug: 'general',
    name: 'General',
    description: '',
    position: 0,
  });
  await createSpace(actor, { ...common, slug: slugs.room, name: `${hub.name} room`.slice(0, 200) });
  return slugs;
}
