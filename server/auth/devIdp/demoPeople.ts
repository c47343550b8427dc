/**
 * The people the development identity provider offers: the demo data's active people. A person of a
 * city signs in through their city's development provider (SAML); a person without a city (the
 * Management Unit, experts, observers) has no city provider to vouch for them and is signed in by
 * the development provider directly (development only).
 */
import { CityModel } from '../../models/City.js';
import { PersonModel, type PersonDoc } from '../../models/Person.js';
import { DEMO_EMAIL, listDevProviders } from './registerDemoIdp.js';

/** A demo person as the sign-in page lists them. */
export interface DemoPerson {
  name: string;
  email: string;
  roles: string[];
  position: string | null;
  organisation: string | null;
}

/** A demo person the development chooser offers, with how they sign in. */
export interface ChooserPerson extends DemoPerson {
  id: string;
  /** Their city, or null for people without one. */
  city: { slug: string; name: string } | null;
  /** Their city's development provider (SAML), or null: signed in directly (no city provider). */
  provider: string | null;
}

const FIELDS = { name: 1, email: 1, roles: 1, position: 1, organisation: 1, cityId: 1 } as const;

function demoPerson(
  p: Pick<PersonDoc, 'name' | 'email' | 'roles' | 'position' | 'organisation'>,
): DemoPerson {
  return {
    name: p.name,
    email: p.email,
    roles: [...p.roles],
    position: p.position ?? null,
    organisation: p.organisation ?? null,
  };
}

/** The active people of the city `citySlug`, by name (at most 50). */
export async function listDemoPeople(citySlug: string): Promise<DemoPerson[]> {
  const city = await CityModel.findOne({ slug: citySlug }, { _id: 1 }).lean();
  if (!city) return [];
  const people = await PersonModel.find({ cityId: city._id, status: 'active' }, FIELDS)
    .sort({ name: 1 })
    .limit(50)
    .lean();
  return people.map(demoPerson);
}

/** The person of the city `citySlug` with this e-mail (any status: the provider's own sign-in decides), or null. */
export async function findDemoPerson(email: string, citySlug: string): Promise<DemoPerson | null> {
  const city = await CityModel.findOne({ slug: citySlug }, { _id: 1 }).lean();
  const person = city ? await PersonModel.findOne({ email, cityId: city._id }, FIELDS).lean() : null;
  return person ? demoPerson(person) : null;
}

/**
 * The demo people the development chooser offers: active, of the demo data (by their e-mail domain),
 * either of a city with a development provider or of no city; by name, at most 200.
 */
export async function listChooserPeople(): Promise<ChooserPerson[]> {
  const providers = await listDevProviders();
  const people = await PersonModel.find({ status: 'active', email: DEMO_EMAIL }, FIELDS)
    .sort({ name: 1 })
    .limit(200)
    .lean();
  const providerOfCity = new Map(providers.map((p) => [p.cityId, p]));
  return people.flatMap((p): ChooserPerson[] => {
    const id = String(p._id);
    if (!p.cityId) return [{ ...demoPerson(p), id, city: null, provider: null }];
    const provider = providerOfCity.get(String(p.cityId));
    return provider ? [{ ...demoPerson(p), id, city: provider.city, provider: provider.slug }] : [];
  });
}

/** The chooser's person with this id, or null when the chooser does not offer them. */
export async function findChooserPerson(id: string): Promise<ChooserPerson | null> {
  return (await listChooserPeople()).find((p) => p.id === id) ?? null;
}
