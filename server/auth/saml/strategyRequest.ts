/**
 * What passport-saml's strategy is allowed to see of a request. The strategy picks what to do from
 * whatever SAML message it finds (a query SAMLResponse before a body one, a SAMLRequest, otherwise a
 * new AuthnRequest), so each route hands it a view of the request holding only the message that route
 * accepts and that we have already checked, and a RelayState we have already made safe. Everything
 * else (headers, params, session) is read through to the real request; what passport sets on the
 * view (req.login, req.user, ...) stays on the view.
 */
import type { Request } from 'express';
import type { MultiSamlStrategy } from '@node-saml/passport-saml';

/** The request type of passport-saml (its own Express typings). */
export type StrategyRequest = Parameters<MultiSamlStrategy['authenticate']>[0];

/** A view of `req` whose query and body are exactly the ones given. */
export function strategyRequest(
  req: Request,
  visible: { query: Record<string, string>; body: Record<string, string> | undefined },
): StrategyRequest {
  const view: StrategyRequest = Object.create(req, {
    query: { value: visible.query, enumerable: true },
    body: { value: visible.body, enumerable: true },
  });
  return view;
}
