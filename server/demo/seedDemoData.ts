/**
 * Loads the demo data (config/demo-data.json) into an empty database, through the same services and
 * schemas as the API, so the demo is what a real operator would have made.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { OperatorActor } from '../../shared/policy/actor.js';
import { CityCreate, HubCreate, PersonCreate } from '../../shared/schemas/index.js';
import { HubModel } from '../models/Hub.js';
import { PersonModel } from '../models/Person.js';
import { projectRoot } from '../db/projectRoot.js';
import { createCity } from '../services/cities/createCity.js';
import { updateCity } from '../services/cities/updateCity.js';
import { createHub } from '../services/hubs/createHub.js';
import { updateHub } from '../services/hubs/updateHub.js';
import { createPerson } from '../services/people/createPerson.js';
import { DemoForum, seedForums } from './seedForums.js';

const DemoData = z.object({
  hubs: z.array(HubCreate),
  cities: z.array(CityCreate),
  people: z.array(PersonCreate),
  coordinators: z.record(z.string(), z.array(z.string())),
  focalPoints: z.record(z.string(), z.array(z.string())),
  forums: z.array(DemoForum).default([]),
});

const SEEDER: OperatorActor = { kind: 'operator', name: 'demo data' };

async function idsOf(emails: string[]): Promise<string[]> {
  const people = await PersonModel.find({ email: { $in: emails } }, { _id: 1 }).lean();
  return people.map((p) => String(p._id));
}

/** Seeds the demo data when the database holds no hub and no person; returns whether it did. */
export async function seedDemoData(
  file = path.join(projectRoot(), 'config', 'demo-data.json'),
): Promise<boolean> {
  const empty = (await HubModel.countDocuments({})) === 0 && (await PersonModel.countDocuments({})) === 0;
  if (!empty) return false;
  const data = DemoData.parse(JSON.parse(readFileSync(file, 'utf8')));
  for (const hub of data.hubs) await createHub(SEEDER, hub);
  for (const city of data.cities) await createCity(SEEDER, city);
  for (const person of data.people) await createPerson(SEEDER, person);
  for (const [hub, emails] of Object.entries(data.coordinators))
    await updateHub(SEEDER, hub, { coordinatorIds: await idsOf(emails) });
  for (const [city, emails] of Object.entries(data.focalPoints))
    await updateCity(SEEDER, city, { focalPointIds: await idsOf(emails) });
  await seedForums(SEEDER, data.forums);
  return true;
}
