/**
 * The AuthnRequest of a test sign-in: the same fail-closed settings as a sign-in (samlOptionsFor),
 * through node-saml, with the request cache wrapped to learn the id node-saml gave the request, so
 * the test can be matched to its answer by InResponseTo (never by anything the browser carries).
 */
import { SAML, type CacheProvider } from '@node-saml/node-saml';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { samlOptionsFor } from './samlFor.js';

/** Where to send the browser, and the id of the request it carries. */
export interface TestLogin {
  url: string;
  requestId: string;
}

/** Builds the redirect to the provider for a test sign-in; the request id is stored like any other. */
export async function startTestLogin(config: Config, idp: IdentityProviderDoc): Promise<TestLogin> {
  const options = samlOptionsFor(config, idp);
  const cache = options.cacheProvider as CacheProvider;
  let requestId: string | null = null;
  const capturing: CacheProvider = {
    saveAsync: (key, value) => {
      requestId = key;
      return cache.saveAsync(key, value);
    },
    getAsync: (key) => cache.getAsync(key),
    removeAsync: (key) => cache.removeAsync(key),
  };
  const saml = new SAML({ ...options, cacheProvider: capturing });
  const url = await saml.getAuthorizeUrlAsync('', undefined, {});
  if (!requestId) throw new Error('node-saml stored no request id');
  return { url, requestId };
}
