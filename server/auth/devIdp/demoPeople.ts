/** The people the development identity provider offers: the demo city's active people. */
import { CityModel } from '../../models/City.js';
import { PersonModel } from '../../models/Person.js';
import { DEMO_IDP } from './registerDemoIdp.js';

/** A demo person as the sign-in page lists them. */
export interface DemoPerson {
  name: string;
  email: string;
  roles: string[];
  position: string | null;
}

/** The demo city's active people, by name (at most 50). */
export async function listDemoPeople(): Promise<DemoPerson[]> {
  const city = await CityModel.findOne({ slug: DEMO_IDP.city }, { _id: 1 }).lean();
  if (!city) return [];
  const people = await PersonModel.find(
    { cityId: city._id, status: 'active' },
    { name: 1, email: 1, roles: 1, position: 1 },
  )
    .sort({ name: 1 })
    .limit(50)
    .lean();
  return people.map((p) => ({
    name: p.name,
    email: p.email,
    roles: [...p.roles],
    position: p.position ?? null,
  }));
}

/** The demo city's person with this e-mail (any status: the provider's own sign-in decides), or null. */
export async function findDemoPerson(email: string): Promise<DemoPerson | null> {
  const city = await CityModel.findOne({ slug: DEMO_IDP.city }, { _id: 1 }).lean();
  const person = city
    ? await PersonModel.findOne(
        { email, cityId: city._id },
        { name: 1, email: 1, roles: 1, position: 1 },
      ).lean()
    : null;
  return person
    ? { name: person.name, email: person.email, roles: [...person.roles], position: person.position ?? null }
    : null;
}
