/** The ways to sign in, as the public sign-in page shows them. */
import { z } from 'zod';
import { Slug } from './common.js';

/** One city identity provider people may sign in with. */
export const SignInProvider = z
  .object({
    /** The provider's slug: sign-in starts at `/auth/saml/<slug>/login`. */
    slug: Slug,
    name: z.string(),
    city: z.object({ slug: Slug, name: z.string() }),
  })
  .meta({ id: 'SignInProvider' });

/** Every way to sign in: the active providers of member cities, and local accounts. */
export const SignInOptions = z
  .object({
    providers: z.array(SignInProvider),
    /** Local accounts (by invitation) are always available. */
    localAccounts: z.literal(true),
  })
  .meta({ id: 'SignInOptions' });
