/**
 * Starts a sign-in: our signed AuthnRequest (HTTP-Redirect binding) through node-saml with the same
 * fail-closed settings as the ACS (samlOptionsFor), the request cache wrapped to learn the id node-saml
 * gave the request, so the caller can bind the request to the browser (loginBinding.ts) or record it
 * as an admin's test.
 */
import { SAML, type CacheProvider } from '@node-saml/node-saml';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { samlOptionsFor } from './samlFor.js';
import { loadSpKeys } from './spKeys.js';

/** Where to send the browser, and the id of the request it carries. */
export interface SamlLogin {
  url: string;
  requestId: string;
}

/** Builds the redirect to the provider; the request id is stored in the request cache. */
export async function startSamlLogin(
  config: Config,
  idp: IdentityProviderDoc,
  relayState: string,
): Promise<SamlLogin> {
  const options = samlOptionsFor(config, idp, await loadSpKeys());
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
  const url = await saml.getAuthorizeUrlAsync(relayState, undefined, {});
  if (!requestId) throw new Error('node-saml stored no request id');
  return { url, requestId };
}
