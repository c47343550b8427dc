/**
 * Loads the demo data (config/demo-data.json) into an empty database, through the same services and
 * schemas as the API, so the demo is what a real operator and real people would have made: hubs,
 * cities and people in every role, every hub's forum and room, a mayors' leaders-only peer room under
 * the Chatham House Rule, the ISC committee, a city's own space, flagged material waiting for the
 * moderators, unread mentions, and the Expert Pool's verified profiles.
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
import { afterWritesSettled } from '../events/afterWrite.js';
import { startRoomNotifications } from '../services/notifications/roomNotifications.js';
import { DemoForum, seedForums } from './seedForums.js';
import { DemoRoom, seedRooms } from './seedRooms.js';
import { DemoExpertProfile, seedExpertProfiles } from './seedExpertProfiles.js';

const DemoData = z.object({
  hubs: z.array(HubCreate),
  cities: z.array(CityCreate),
  people: z.array(PersonCreate),
  coordinators: z.record(z.string(), z.array(z.string())),
  focalPoints: z.record(z.string(), z.array(z.string())),
  forums: z.array(DemoForum).default([]),
  rooms: z.array(DemoRoom).default([]),
  expertProfiles: z.array(DemoExpertProfile).default([]),
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
  await seedExpertProfiles(SEEDER, data.expertProfiles);
  const forums = await seedForums(SEEDER, data.forums);
  // The server starts its room notifications after the seed: the demo's mentions in rooms need them now.
  const stopRoomNotifications = startRoomNotifications();
  try {
    await seedRooms(SEEDER, data.rooms, forums);
    await afterWritesSettled();
  } finally {
    stopRoomNotifications();
  }
  return true;
}
