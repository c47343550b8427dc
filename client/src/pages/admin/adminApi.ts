/**
 * The console's API shapes (inferred from the server's zod schemas, type-only) and its calls: reads
 * go through the shared cache (useApiGet), changes carry the CSRF token and refresh what they touch.
 */
import type { z } from 'zod';
import type {
  Application,
  City,
  Hub,
  IdentityProvider,
  Person,
  TestSignIn,
  TestSignInStart,
} from '../../../../shared/schemas/index.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import { queryClient } from '../../data/queryClient.js';

/** A membership application with what the reader may do with it. */
export type ApplicationView = z.infer<typeof Application>;
/** A city with the reader's abilities. */
export type AdminCityView = z.infer<typeof City>;
/** A hub with the reader's abilities. */
export type AdminHubView = z.infer<typeof Hub>;
/** A person with the reader's abilities. */
export type AdminPersonView = z.infer<typeof Person>;
/** An identity provider with the reader's abilities. */
export type IdentityProviderView = z.infer<typeof IdentityProvider>;
/** A test sign-in and its outcome. */
export type TestSignInView = z.infer<typeof TestSignIn>;
/** Where a test sign-in sends the browser. */
export type TestSignInStartView = z.infer<typeof TestSignInStart>;

/** Forgets every cached read below `/prefix`, so the pages read them again. */
export function refreshUnder(prefix: string): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'api' &&
      typeof query.queryKey[1] === 'string' &&
      query.queryKey[1].startsWith(prefix),
  });
}

/** Sends a change and refreshes the reads below `refresh`. */
export async function change<T>(
  method: 'POST' | 'PATCH' | 'PUT',
  path: string,
  body: unknown,
  refresh: string,
): Promise<T> {
  const result =
    method === 'POST' ? await postWithCsrf<T>(path, body) : await sendWithCsrf<T>(method, path, body);
  await refreshUnder(refresh);
  return result;
}
