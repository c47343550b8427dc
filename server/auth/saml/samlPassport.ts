/**
 * Passport (its own instance, no passport sessions) around the SAML strategy: the ACS validation. The
 * route checks the request (provider, message, safe XML) before calling it, and hands the strategy
 * only what it checked (strategyRequest.ts). Login (samlLogin.ts) and our metadata (spMetadata.ts) are
 * built directly, since they need our key ring and the request id.
 */
import type { Request, Response } from 'express';
import passport from 'passport';
import { createSamlStrategy, type SamlSignIn } from './samlStrategy.js';
import { strategyRequest } from './strategyRequest.js';

const STRATEGY = 'saml';

/** The SAML operations that go through passport. */
export interface SamlPassport {
  /** Validates a (base64) SAMLResponse and runs our checks; null when it signed no one in. */
  signIn(req: Request, res: Response, samlResponse: string): Promise<SamlSignIn | null>;
}

/** Builds passport and the strategy for one configuration. */
export function createSamlPassport(config: Parameters<typeof createSamlStrategy>[0]): SamlPassport {
  const { strategy, signInOf } = createSamlStrategy(config);
  const authenticator = new passport.Passport();
  // passport-saml is typed against Express 4's Request (which has req.param), passport against ours
  // (Express 5); the strategy reads only query, body, params, headers and url, common to both.
  authenticator.use(STRATEGY, strategy as unknown as passport.Strategy);

  return {
    signIn(req, res, samlResponse) {
      const view = strategyRequest(req, { query: {}, body: { SAMLResponse: samlResponse } });
      return new Promise<SamlSignIn | null>((resolve, reject) => {
        const settle = (error?: unknown) => (error ? reject(error) : resolve(signInOf(view) ?? null));
        authenticator.authenticate(STRATEGY, { session: false }, settle)(view, res, () => settle());
      });
    },
  };
}
