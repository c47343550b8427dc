/**
 * A small directory for tests, made through the real services: two hubs, member and applicant
 * cities, and one person per role, with API tokens to act as them over HTTP.
 */
import type { Express } from 'express';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { testApp } from './app.js';
import { resetDatabase } from './database.js';
import type { Role } from '../../shared/roles.js';
import { createCity } from '../../server/services/cities/createCity.js';
import { updateCity } from '../../server/services/cities/updateCity.js';
import { createHub } from '../../server/services/hubs/createHub.js';
import { createPerson } from '../../server/services/people/createPerson.js';
import { createApiToken } from '../../server/services/tokens/apiTokens.js';

/** The operator actor tests use to set things up. */
export const OPERATOR: OperatorActor = { kind: 'operator', name: 'test setup' };

/** A person made by {@link seedDirectory}, with a bearer header for supertest. */
export interface TestPerson {
  id: string;
  email: string;
  auth: { Authorization: string };
}

/** What {@link seedDirectory} made. */
export interface Directory {
  people: Record<'admin' | 'focal' | 'practitioner' | 'otherCity' | 'expert' | 'suspended', TestPerson>;
}

async function person(
  name: string,
  email: string,
  roles: Role[],
  extra: { city?: string; organisation?: string; status?: 'active' | 'suspended' | 'invited' } = {},
): Promise<TestPerson> {
  const created = await createPerson(OPERATOR, {
    name,
    email,
    roles,
    city: extra.city,
    organisation: extra.organisation,
    languages: ['en'],
    expertise: [],
    status: extra.status ?? 'active',
  });
  const { token } = await createApiToken(OPERATOR, created.id, 'test', 1);
  return { id: created.id, email, auth: { Authorization: `Bearer ${token}` } };
}

/** Seeds the test directory. Call after resetDatabase(). */
export async function seedDirectory(): Promise<Directory> {
  await createHub(OPERATOR, { slug: 'europe', name: { en: 'Europe', fr: 'Europe' }, coordinatorIds: [] });
  await createHub(OPERATOR, {
    slug: 'mena',
    name: { en: 'Middle East and North Africa' },
    coordinatorIds: [],
  });
  await createCity(OPERATOR, {
    slug: 'lyon',
    name: 'Lyon',
    kind: 'city',
    country: 'FR',
    hub: 'europe',
    status: 'member',
    iscSeat: false,
    pledgedBy: 'Mairie',
  });
  await createCity(OPERATOR, {
    slug: 'amman',
    name: 'Amman',
    kind: 'capital',
    country: 'JO',
    hub: 'mena',
    status: 'member',
    iscSeat: true,
    pledgedBy: 'GAM',
  });
  await createCity(OPERATOR, {
    slug: 'graz',
    name: 'Graz',
    kind: 'city',
    country: 'AT',
    hub: 'europe',
    status: 'applicant',
    iscSeat: false,
  });
  const people = {
    admin: await person('Ada Admin', 'admin@test.example', ['admin'], { organisation: 'Management Unit' }),
    focal: await person('Fatou Focal', 'focal@lyon.test.example', ['focal_point'], { city: 'lyon' }),
    practitioner: await person('Pierre Practitioner', 'pierre@lyon.test.example', ['practitioner'], {
      city: 'lyon',
    }),
    otherCity: await person('Omar Other', 'omar@amman.test.example', ['leader'], { city: 'amman' }),
    expert: await person('Eve Expert', 'eve@test.example', ['expert'], { organisation: 'Expert Pool' }),
    suspended: await person('Sam Suspended', 'sam@lyon.test.example', ['practitioner'], {
      city: 'lyon',
      status: 'suspended',
    }),
  };
  await updateCity(OPERATOR, 'lyon', { focalPointIds: [people.focal.id] });
  return { people };
}

/**
 * For a `describe` block: empties the database, seeds the directory and builds an app before its
 * tests. Read `.app` and `.dir` inside the tests (they are set when the hook has run).
 */
export function seededApp(overrides: Record<string, string> = {}): { app: Express; dir: Directory } {
  const context = {} as { app: Express; dir: Directory };
  before(async () => {
    await resetDatabase();
    context.dir = await seedDirectory();
    context.app = testApp(overrides);
  });
  return context;
}
