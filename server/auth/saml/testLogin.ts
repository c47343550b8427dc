/**
 * The AuthnRequest of a test sign-in: the same signed request and fail-closed settings as a sign-in
 * (samlLogin.ts), so the test can be matched to its answer by InResponseTo (never by anything the
 * browser carries).
 */
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { startSamlLogin, type SamlLogin } from './samlLogin.js';

/** Where to send the browser, and the id of the request it carries. */
export type TestLogin = SamlLogin;

/** Builds the redirect to the provider for a test sign-in; the request id is stored like any other. */
export function startTestLogin(config: Config, idp: IdentityProviderDoc): Promise<TestLogin> {
  return startSamlLogin(config, idp, '');
}
