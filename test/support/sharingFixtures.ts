/**
 * Spaces and people for the sharing tests, made through the real services on top of seedDirectory():
 * one person per role, and one space per kind.
 */
import type { Role } from '../../shared/roles.js';
import type { Label } from '../../shared/policy/labels.js';
import type { SpaceKind } from '../../shared/policy/spaces.js';
import { updateHub } from '../../server/services/hubs/updateHub.js';
import { createPerson } from '../../server/services/people/createPerson.js';
import { addSpaceMember } from '../../server/services/spaces/addSpaceMember.js';
import { createSpace } from '../../server/services/spaces/createSpace.js';
import { createApiToken } from '../../server/services/tokens/apiTokens.js';
import { OPERATOR, seedDirectory, type Directory, type TestPerson } from './fixtures.js';

/** The people of the sharing tests: the directory's and one for each remaining role. */
export type SharingPeople = Directory['people'] &
  Record<'moderator' | 'coordinator' | 'partner' | 'observer' | 'isc', TestPerson>;

/** The rows of the expected-outcome tables: each seeded person, and an anonymous visitor. */
export type Who =
  | 'anonymous'
  | 'practitioner'
  | 'leader'
  | 'focal'
  | 'lateJoiner'
  | 'isc'
  | 'moderator'
  | 'coordinator'
  | 'admin'
  | 'partner'
  | 'observer'
  | 'applicant'
  | 'leaver';

/** What {@link seedSharing} made. */
export interface SharingWorld {
  people: SharingPeople;
}

/** Creates an active person through the real service, with an API token to act as them. */
export async function person(
  name: string,
  email: string,
  roles: Role[],
  city?: string,
  organisation?: string,
): Promise<TestPerson> {
  const created = await createPerson(OPERATOR, {
    name,
    email,
    roles,
    city,
    organisation,
    languages: ['en'],
    expertise: [],
    status: 'active',
  });
  const { token } = await createApiToken(OPERATOR, created.id, 'test', 1);
  return { id: created.id, email, auth: { Authorization: `Bearer ${token}` } };
}

/** Creates a space as the operator. */
export async function space(
  slug: string,
  kind: SpaceKind,
  ceiling: Label,
  defaultLabel: Label,
  extra: { hub?: string; city?: string; chathamHouse?: boolean; leadersOnly?: boolean } = {},
) {
  return createSpace(OPERATOR, {
    slug,
    name: slug,
    description: '',
    kind,
    ceiling,
    defaultLabel,
    chathamHouse: extra.chathamHouse ?? false,
    leadersOnly: extra.leadersOnly ?? false,
    ...(extra.hub ? { hub: extra.hub } : {}),
    ...(extra.city ? { city: extra.city } : {}),
  });
}

/** Adds explicit members as the operator. */
export async function addMembers(slug: string, ...people: TestPerson[]): Promise<void> {
  for (const p of people) await addSpaceMember(OPERATOR, slug, { person: p.id, role: 'member' });
}

/**
 * Seeds the directory, the extra people and these spaces: network (GREEN), europe-forum (hub, GREEN),
 * lyon-internal (city, AMBER+STRICT), lyon-partners (AMBER), amman-internal (AMBER+STRICT),
 * isc (committee, AMBER), workshop (event, RED, explicit: practitioner, otherCity, focal),
 * mayors (leaders-only peer room, RED, Chatham House).
 */
export async function seedSharing(): Promise<SharingWorld> {
  const dir = await seedDirectory();
  const people: SharingPeople = {
    ...dir.people,
    moderator: await person('Mo Moderator', 'mo@test.example', ['moderator'], undefined, 'Management Unit'),
    coordinator: await person(
      'Cora Coordinator',
      'cora@test.example',
      ['practitioner'],
      undefined,
      'Europe hub',
    ),
    partner: await person('Paz Partner', 'paz@lyon.test.example', ['community_partner'], 'lyon'),
    observer: await person('Obi Observer', 'obi@test.example', ['partner_observer'], undefined, 'UN'),
    isc: await person('Ines Isc', 'ines@amman.test.example', ['isc_member'], 'amman'),
  };
  await updateHub(OPERATOR, 'europe', { coordinatorIds: [people.coordinator.id] });
  await space('network', 'network', 'GREEN', 'GREEN');
  await space('europe-forum', 'hub', 'GREEN', 'GREEN', { hub: 'europe' });
  await space('lyon-internal', 'city', 'AMBER+STRICT', 'AMBER', { city: 'lyon' });
  await space('lyon-partners', 'city_partners', 'AMBER', 'AMBER', { city: 'lyon' });
  await space('amman-internal', 'city', 'AMBER+STRICT', 'AMBER', { city: 'amman' });
  await space('isc', 'committee', 'AMBER', 'AMBER');
  await space('workshop', 'event', 'RED', 'GREEN');
  await addMembers('workshop', people.practitioner, people.otherCity, people.focal);
  await space('mayors', 'peer_room', 'RED', 'RED', { chathamHouse: true, leadersOnly: true });
  await addMembers('mayors', people.otherCity);
  await addMembers('lyon-partners', people.partner);
  return { people };
}
