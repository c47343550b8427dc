/**
 * Sign-in through passport-saml's MultiSamlStrategy. getSamlOptions loads the provider named by the
 * path from the database on each request and gives node-saml its fail-closed settings
 * (samlOptionsFor, with our keys and the encryption key the response was encrypted for); the verify
 * callback (passReqToCallback) then runs our own checks on what node-saml validated
 * (checkValidatedResponse: Status, Destination, Recipient, issuers, ages, algorithms, replay cache,
 * InResponseTo from our database cache, ...), checks that the answer to a sign-in comes back to the
 * browser that started it (loginBinding.ts), and provisions the person. Passport sessions are not used: the route starts
 * our own session (sessions.ts). The strategy's redirects answer 303 See Other.
 */
import { MultiSamlStrategy, type Profile, type VerifiedCallback } from '@node-saml/passport-saml';
import type { Config } from '../../config.js';
import type { IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { checkValidatedResponse, SamlRefusal } from './checkResponse.js';
import { mapAttributes, provisionPerson, rolesFromProvider, type Provisioned } from './provisionPerson.js';
import { observedAttributes } from './observedAttributes.js';
import { pendingTestSignIn, rememberLastSignIn, type TestOutcome } from './testSignIns.js';
import { findActiveProvider } from './findActiveProvider.js';
import { samlOptionsFor } from './samlFor.js';
import { spUrls } from './spUrls.js';
import type { StrategyRequest } from './strategyRequest.js';
import { loadSpKeys } from './spKeys.js';
import { decryptionKeyFor } from './decryptionKey.js';
import { holdsLoginBinding } from './loginBinding.js';

/** What a successful sign-in established (for the route to start the session and audit it). */
export type SamlPersonSignIn = Provisioned & {
  kind: 'signIn';
  idp: IdentityProviderDoc;
  nameId: string;
  profile: Profile;
  /** A signature used SHA-1 (the provider allows it): the route audits it. */
  usedSha1: boolean;
};

/** A validated answer to a test sign-in: nobody is provisioned or signed in. */
export interface SamlTestSignIn {
  kind: 'test';
  idp: IdentityProviderDoc;
  testId: string;
  result: TestOutcome;
  usedSha1: boolean;
}

/** What the ACS accepted: a person's sign-in, or the answer to an admin's test sign-in. */
export type SamlSignIn = SamlPersonSignIn | SamlTestSignIn;

type AuthenticateOptions = Parameters<MultiSamlStrategy['authenticate']>[1];

/** MultiSamlStrategy whose redirects are 303 See Other (passport's default is 302). */
class SeeOtherSamlStrategy extends MultiSamlStrategy {
  override authenticate(req: StrategyRequest, options: AuthenticateOptions): void {
    // `this` is passport's per-request copy of the strategy, holding that request's redirect.
    const redirect = this.redirect.bind(this);
    this.redirect = (url: string, status?: number) => redirect(url, status ?? 303);
    super.authenticate(req, options);
  }
}

/** The strategy, and what it learnt about each request it handled. */
export interface SamlStrategy {
  strategy: MultiSamlStrategy;
  /** The sign-in the verify callback accepted for this request, if any. */
  signInOf(req: StrategyRequest): SamlSignIn | undefined;
}

/** Builds the strategy for one configuration. */
export function createSamlStrategy(config: Config): SamlStrategy {
  const providers = new WeakMap<StrategyRequest, IdentityProviderDoc>();
  const signIns = new WeakMap<StrategyRequest, SamlSignIn>();

  const getSamlOptions = (
    req: StrategyRequest,
    done: (err: Error | null, options?: ReturnType<typeof samlOptionsFor>) => void,
  ): void => {
    const load = async () => {
      const idp = await findActiveProvider(String(req.params.idp ?? ''));
      if (!idp) throw new SamlRefusal('no such identity provider');
      providers.set(req, idp);
      const keys = await loadSpKeys();
      const message = (req.body as Record<string, unknown> | undefined)?.SAMLResponse;
      const decryptWith =
        typeof message === 'string' ? await decryptionKeyFor(message, keys.encryption) : undefined;
      return samlOptionsFor(config, idp, keys, decryptWith);
    };
    // Errors (ours, or node-saml refusing the settings) go to the callback, never thrown.
    load().then(
      (options) => done(null, options),
      (error: unknown) => done(error as Error),
    );
  };

  const signIn = async (req: StrategyRequest, profile: Profile | null): Promise<SamlSignIn> => {
    const idp = providers.get(req);
    if (!idp) throw new SamlRefusal('no such identity provider');
    if (!profile) throw new SamlRefusal('no profile');
    const checked = await checkValidatedResponse(profile, {
      idpId: String(idp._id),
      entityId: idp.entityId,
      acsUrl: spUrls(config, idp.slug).acs,
      allowUnsolicited: idp.allowUnsolicited,
      allowSha1: idp.allowSha1 ?? false,
      clockSkewMs: config.samlClockSkewSeconds * 1000,
      maxAuthnAgeMs: config.samlMaxAuthnAgeSeconds * 1000,
    });
    // Decided on the validated, consumed InResponseTo: the answer to a test never signs anyone in.
    const test = await pendingTestSignIn(idp._id, checked.inResponseTo);
    // An answer to a sign-in must come back through the browser that asked (login CSRF). A test
    // signs nobody in and is bound to the admin who started it, so it needs no cookie.
    if (
      !test &&
      checked.inResponseTo &&
      !holdsLoginBinding(config, req.headers.cookie, String(idp._id), checked.inResponseTo)
    )
      throw new SamlRefusal('sign-in started in another browser, or too long ago', 'other_browser');
    const usedSha1 = checked.usedSha1;
    const attributes = observedAttributes(profile);
    const nameIdFormat = profile.nameIDFormat ?? null;
    await rememberLastSignIn(idp._id, { test: test !== null, nameIdFormat, attributes });
    if (test) {
      const mapped = mapAttributes(idp, checked.nameId, profile);
      const roles = rolesFromProvider(idp, mapped.groups, []);
      const result = { nameId: checked.nameId, nameIdFormat, attributes, outcome: { ...mapped, roles } };
      return { kind: 'test', idp, testId: test._id, result, usedSha1 };
    }
    const provisioned = await provisionPerson(idp, checked.nameId, profile);
    return { ...provisioned, kind: 'signIn', idp, nameId: checked.nameId, profile, usedSha1 };
  };

  const verify = (req: StrategyRequest, profile: Profile | null, done: VerifiedCallback): void => {
    signIn(req, profile).then(
      (result) => {
        signIns.set(req, result);
        done(
          null,
          result.kind === 'test' ? { testId: result.testId } : { personId: String(result.person._id) },
        );
      },
      (error: unknown) => done(error as Error),
    );
  };

  // Single logout has its own route; a logout message never reaches this strategy.
  const refuseLogout = (_req: StrategyRequest, _profile: Profile | null, done: VerifiedCallback): void =>
    done(new SamlRefusal('logout message at the sign-in strategy'));

  const strategy = new SeeOtherSamlStrategy(
    { name: 'saml', passReqToCallback: true, getSamlOptions },
    verify,
    refuseLogout,
  );
  return { strategy, signInOf: (req) => signIns.get(req) };
}
