/**
 * The API shapes the client reads, inferred from the server's zod schemas in `shared/` with type-only
 * imports, so the bundle carries no zod and the types cannot drift from the server.
 */
import type { z } from 'zod';
import type {
  ApplicationCreate,
  ApplicationReceipt,
  City,
  Hub,
  Me,
  Problem,
  SignInOptions,
} from '../../shared/schemas/index.js';

/** A city as the API returns it. */
export type CityView = z.infer<typeof City>;

/** A regional hub as the API returns it. */
export type HubView = z.infer<typeof Hub>;

/** The kind of authority a city is (capital, municipality, region...). */
export type CityKind = CityView['kind'];

/** The body of a membership application. */
export type ApplicationInput = z.input<typeof ApplicationCreate>;

/** What the server answers to an accepted application. */
export type ApplicationReceiptView = z.infer<typeof ApplicationReceipt>;

/** An RFC 9457 problem document. */
export type ProblemView = z.infer<typeof Problem>;

/** The signed-in person, their roles and city, how they signed in, and the CSRF token. */
export type MeView = z.infer<typeof Me>;

/** The ways to sign in: member cities' identity providers and local accounts. */
export type SignInOptionsView = z.infer<typeof SignInOptions>;

/** A page of a paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every city kind, in the order forms list them (plain data from shared/, no zod). */
export { CITY_KINDS } from '../../shared/directoryTerms.js';
