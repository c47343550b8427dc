/**
 * The CSRF token every state-changing request of the cookie session must carry (`X-CSRF-Token`).
 * It is read from /me when signed in, else from /csrf (which starts a session), and forgotten at
 * sign-in and sign-out because the server renews the session and its token then.
 */
import { ApiError, apiGet, apiPost, apiSend } from '../api.js';

let token: string | null = null;

/** Remembers the token /me gave, or forgets it (null) so the next request fetches a fresh one. */
export function rememberCsrfToken(value: string | null): void {
  token = value;
}

async function currentToken(): Promise<string> {
  token ??= (await apiGet<{ csrfToken: string }>('/csrf')).csrfToken;
  return token;
}

/**
 * The token for requests made outside this module (resumable uploads set the header themselves);
 * fetched when unknown. After a 403, forget it with `rememberCsrfToken(null)` and ask again.
 */
export function csrfToken(): Promise<string> {
  return currentToken();
}

/**
 * POSTs `body` to `path` (below /api/v1) with the CSRF token. A 403 (the session was renewed
 * elsewhere, e.g. in another tab) is retried once with a fresh token. Throws {@link ApiError}.
 */
export async function postWithCsrf<T>(path: string, body: unknown = {}): Promise<T> {
  try {
    return await apiPost<T>(path, body, undefined, { 'X-CSRF-Token': await currentToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    token = null;
    return apiPost<T>(path, body, undefined, { 'X-CSRF-Token': await currentToken() });
  }
}

/**
 * Sends `body` with `method` (PATCH, PUT, DELETE) to `path` (below /api/v1) with the CSRF token, retried
 * once with a fresh token after a 403 like {@link postWithCsrf}. Throws {@link ApiError}.
 */
export async function sendWithCsrf<T>(
  method: 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body: unknown = {},
): Promise<T> {
  try {
    return await apiSend<T>(method, path, body, { 'X-CSRF-Token': await currentToken() });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 403) throw error;
    token = null;
    return apiSend<T>(method, path, body, { 'X-CSRF-Token': await currentToken() });
  }
}
