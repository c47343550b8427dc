/** The signed-in person as they see themselves: profile, roles, city and how they signed in. */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { Me } from '../../../shared/schemas/auth.js';
import { CityModel } from '../../models/City.js';
import { UnauthenticatedError } from '../../errors.js';
import { getPerson } from '../people/getPerson.js';

/** What the session tells about the sign-in (null for bearer-token requests). */
export interface SignInInfo {
  method: 'saml' | 'local';
  idp: string | null;
  signedInAt: number;
  csrfToken: string | null;
}

/** Returns the signed-in person; Unauthenticated for anonymous actors. */
export async function getMe(actor: Actor, signIn: SignInInfo | null): Promise<z.infer<typeof Me>> {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const person = await getPerson(actor, actor.id);
  const city = actor.cityId ? await CityModel.findById(actor.cityId, { slug: 1, name: 1 }).lean() : null;
  return {
    person,
    roles: [...actor.roles],
    city: city ? { slug: city.slug, name: city.name } : null,
    signIn: signIn
      ? { method: signIn.method, idp: signIn.idp, signedInAt: new Date(signIn.signedInAt).toISOString() }
      : null,
    csrfToken: signIn?.csrfToken ?? null,
  };
}
