/**
 * Passport (its own instance, no passport sessions) around the SAML strategy: the login redirect,
 * the ACS validation and our SP metadata. The routes check the request (provider, message, safe XML)
 * before calling these, and hand the strategy only what they checked (strategyRequest.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import passport from 'passport';
import { createSamlStrategy, type SamlSignIn } from './samlStrategy.js';
import { strategyRequest } from './strategyRequest.js';

const STRATEGY = 'saml';

/** The SAML operations that go through passport. */
export interface SamlPassport {
  /** Redirects to the provider with an AuthnRequest carrying `returnTo` as RelayState. */
  login(req: Request, res: Response, next: NextFunction, returnTo: string): void;
  /** Validates a (base64) SAMLResponse and runs our checks; null when it signed no one in. */
  signIn(req: Request, res: Response, samlResponse: string): Promise<SamlSignIn | null>;
  /** Our SP metadata for the provider of the path. */
  metadata(req: Request): Promise<string>;
}

/** Builds passport and the strategy for one configuration. */
export function createSamlPassport(config: Parameters<typeof createSamlStrategy>[0]): SamlPassport {
  const { strategy, signInOf } = createSamlStrategy(config);
  const authenticator = new passport.Passport();
  // passport-saml is typed against Express 4's Request (which has req.param), passport against ours
  // (Express 5); the strategy reads only query, body, params, headers and url, common to both.
  authenticator.use(STRATEGY, strategy as unknown as passport.Strategy);

  return {
    login(req, res, next, returnTo) {
      const view = strategyRequest(req, { query: { RelayState: returnTo }, body: undefined });
      // No SAML message in the view: the strategy's fallback, a new AuthnRequest (HTTP-Redirect).
      authenticator.authenticate(STRATEGY, { session: false }, (error: unknown) =>
        next(error ?? new Error('SAML login ended without a redirect')),
      )(view, res, next);
    },

    signIn(req, res, samlResponse) {
      const view = strategyRequest(req, { query: {}, body: { SAMLResponse: samlResponse } });
      return new Promise<SamlSignIn | null>((resolve, reject) => {
        const settle = (error?: unknown) => (error ? reject(error) : resolve(signInOf(view) ?? null));
        authenticator.authenticate(STRATEGY, { session: false }, settle)(view, res, () => settle());
      });
    },

    metadata(req) {
      const view = strategyRequest(req, { query: {}, body: undefined });
      return new Promise<string>((resolve, reject) =>
        strategy.generateServiceProviderMetadata(view, null, null, (error, xml) =>
          error ? reject(error) : resolve(xml ?? ''),
        ),
      );
    },
  };
}
