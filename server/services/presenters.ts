/**
 * The shapes sent to clients. Each presenter strips what the actor may not see, so a route can never
 * leak a field by forgetting to remove it.
 */
import type { z } from 'zod';
import type { Actor } from '../../shared/policy/actor.js';
import type { City, Hub, Person, Application } from '../../shared/schemas/index.js';
import type { CityDoc } from '../models/City.js';
import type { HubDoc } from '../models/Hub.js';
import type { PersonDoc } from '../models/Person.js';
import type { ApplicationDoc } from '../models/Application.js';
import { can } from '../policy/authorize.js';
import { applicationAbilities } from './applications/applicationAbilities.js';
import { cityAbilities } from './cities/cityAbilities.js';
import { hubAbilities } from './hubs/hubAbilities.js';
import { personAbilities } from './people/personAbilities.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const refs = (ids: unknown[], names: Map<string, string>) =>
  ids.map(String).flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) as string }] : []));

/** A hub; coordinators only for signed-in people. */
export function presentHub(doc: HubDoc, actor: Actor, names: Map<string, string>): z.infer<typeof Hub> {
  const name = {
    en: doc.name.en,
    ...(doc.name.fr ? { fr: doc.name.fr } : {}),
    ...(doc.name.ar ? { ar: doc.name.ar } : {}),
    ...(doc.name.es ? { es: doc.name.es } : {}),
  };
  return {
    id: String(doc._id),
    slug: doc.slug,
    name,
    ...(actor.kind === 'anonymous' ? {} : { coordinators: refs(doc.coordinatorIds, names) }),
    ...(actor.kind === 'anonymous' ? {} : { abilities: hubAbilities(actor, doc) }),
  };
}

/** A city; focal points only for signed-in people. */
export function presentCity(
  doc: CityDoc,
  actor: Actor,
  hubSlugs: Map<string, string>,
  names: Map<string, string>,
): z.infer<typeof City> {
  return {
    id: String(doc._id),
    slug: doc.slug,
    name: doc.name,
    kind: doc.kind,
    country: doc.country,
    hub: hubSlugs.get(String(doc.hubId)) ?? 'unknown',
    status: doc.status,
    iscSeat: doc.iscSeat,
    pledge: doc.pledge
      ? {
          version: doc.pledge.version,
          // Who signed is for members; the public sees that the city pledged, and when.
          ...(actor.kind === 'anonymous' ? {} : { pledgedBy: doc.pledge.pledgedBy }),
          pledgedAt: iso(doc.pledge.pledgedAt) as string,
        }
      : null,
    memberSince: iso(doc.memberSince),
    ...(actor.kind === 'anonymous' ? {} : { focalPoints: refs(doc.focalPointIds, names) }),
    ...(actor.kind === 'anonymous' ? {} : { abilities: cityAbilities(actor, doc) }),
  };
}

/** A person; the e-mail only where the policy grants that field. */
export function presentPerson(
  doc: PersonDoc,
  actor: Actor,
  citySlugs: Map<string, string>,
): z.infer<typeof Person> {
  const showEmail = can(actor, 'read', 'Person', doc as unknown as Record<string, unknown>, 'email');
  return {
    id: String(doc._id),
    name: doc.name,
    city: doc.cityId ? (citySlugs.get(String(doc.cityId)) ?? null) : null,
    organisation: doc.organisation ?? null,
    roles: doc.roles,
    position: doc.position ?? null,
    languages: doc.languages,
    expertise: doc.expertise,
    status: doc.status,
    ...(showEmail ? { email: doc.email } : {}),
    abilities: personAbilities(actor, doc),
  };
}

/** An application, for admins. */
export function presentApplication(doc: ApplicationDoc, actor?: Actor): z.infer<typeof Application> {
  return {
    ...(actor ? { abilities: applicationAbilities(actor, doc) } : {}),
    id: String(doc._id),
    status: doc.status,
    city: { name: doc.city.name, kind: doc.city.kind, country: doc.city.country, hub: doc.city.hub ?? null },
    contact: { name: doc.contact.name, email: doc.contact.email, position: doc.contact.position },
    pledge: { version: doc.pledge.version, pledgedAt: iso(doc.pledge.pledgedAt) as string },
    message: doc.message ?? null,
    submittedAt: iso(doc.submittedAt) as string,
    decision: doc.decision
      ? {
          by: doc.decision.by,
          at: iso(doc.decision.at) as string,
          reason: doc.decision.reason ?? null,
          city: doc.decision.citySlug ?? null,
        }
      : null,
  };
}
