/**
 * The SAML endpoints, one set per identity provider, at stable paths:
 *   GET  /auth/saml/:idp/metadata   our SP metadata, to hand to the city (spMetadata.ts)
 *   GET  /auth/saml/:idp/login      starts sign-in: a signed AuthnRequest (HTTP-Redirect binding), and a
 *                                   cookie binding its id to this browser (loginBinding.ts)
 *   POST /auth/saml/:idp/acs        the provider's answer (HTTP-POST binding), acsRoute.ts
 *   GET|POST /auth/saml/:idp/slo    single logout: the provider's logout requests (its sessions of
 *                                   that person end; we answer a signed LogoutResponse) and its
 *                                   answers to ours (Status Success, InResponseTo consumed once)
 * The ACS goes through passport's MultiSamlStrategy (samlPassport.ts). Single logout calls node-saml
 * directly, built from the same settings: passport-saml's logout handling ends passport's own login
 * session (req.logout) and answers the provider from req.user, neither of which we use (our sessions
 * are ended by person and provider, logoutRequests.ts).
 */
import express, { type Request, type Response, type Router } from 'express';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Config } from '../../config.js';
import { sendProblem } from '../problem.js';
import { acsRoute } from './acsRoute.js';
import { isSha1Algorithm, SamlRefusal, usesSha1 } from '../../auth/saml/checkResponse.js';
import { activeProvider, reasonOf, safeReturnTo } from './routeHelpers.js';
import { samlFor } from '../../auth/saml/samlFor.js';
import { createSamlPassport } from '../../auth/saml/samlPassport.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { loadSpKeys } from '../../auth/saml/spKeys.js';
import { spMetadataXml } from '../../auth/saml/spMetadata.js';
import { startSamlLogin } from '../../auth/saml/samlLogin.js';
import { loginBindingCookie } from '../../auth/saml/loginBinding.js';
import {
  acceptLogoutResponse,
  endPersonProviderSessions,
  logoutMessageXml,
  personOfSubject,
  rememberLogoutOnce,
} from '../../auth/saml/logoutRequests.js';

/** Builds the /auth/saml router. */
export function samlRoutes(config: Config): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 10 });

  const saml = createSamlPassport(config);

  router.get('/:idp/metadata', async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    res.type('application/samlmetadata+xml').send(spMetadataXml(config, idp.slug, await loadSpKeys()));
  });

  router.get('/:idp/login', async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const login = await startSamlLogin(config, idp, safeReturnTo(req.query.returnTo));
    res.setHeader('Cache-Control', 'no-store');
    res.append('Set-Cookie', loginBindingCookie(config, idp, login.requestId));
    res.redirect(303, login.url);
  });

  router.post('/:idp/acs', form, acsRoute(saml, config));

  const slo = async (req: Request, res: Response) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const source = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, unknown>;
    const redirect = req.method === 'GET';
    try {
      const message = source.SAMLRequest ?? source.SAMLResponse;
      if (typeof message !== 'string') throw new SamlRefusal('no SAML message');
      if (redirect && typeof source.Signature !== 'string') throw new SamlRefusal('unsigned redirect');
      if (redirect && isSha1Algorithm(String(source.SigAlg ?? '')) && !idp.allowSha1)
        throw new SamlRefusal('SHA-1 signature', 'weak_signature');
      const root = logoutMessageXml(message, redirect);
      if (!redirect && usesSha1(root) && !idp.allowSha1)
        throw new SamlRefusal('SHA-1 signature', 'weak_signature');
      const destination = root.getAttribute('Destination') || null;
      if ((destination || !redirect) && destination !== spUrls(config, idp.slug).slo)
        throw new SamlRefusal('wrong Destination');
      // node-saml reads InResponseTo only on a Response root, so it would refuse every POSTed
      // LogoutResponse: that one is checked (issuer, status, InResponseTo consumed) by acceptLogoutResponse.
      const postedAnswer = !redirect && !source.SAMLRequest;
      const sp = await samlFor(
        config,
        idp,
        postedAnswer ? { validateInResponseTo: ValidateInResponseTo.never } : {},
      );
      const originalQuery = req.originalUrl.split('?')[1] ?? '';
      const fields = source as Record<string, string>;
      const result = redirect
        ? await sp.validateRedirectAsync(fields, originalQuery)
        : source.SAMLRequest
          ? await sp.validatePostRequestAsync({ SAMLRequest: message })
          : await sp.validatePostResponseAsync({ SAMLResponse: message });
      if (!source.SAMLRequest) {
        // The provider's answer to our own logout request (we already ended our session).
        await acceptLogoutResponse(String(idp._id), idp.entityId, root);
        return res.redirect(303, safeReturnTo(source.RelayState));
      }
      if (!result.profile?.ID || root.localName !== 'LogoutRequest')
        throw new SamlRefusal('not a LogoutRequest');
      await rememberLogoutOnce(`${String(idp._id)}:logout:${String(result.profile.ID)}`);
      const personId = await personOfSubject(idp._id, result.profile.nameID);
      if (personId) {
        const sessions = await endPersonProviderSessions(personId, idp.slug);
        await recordAudit(
          ANONYMOUS,
          'auth.signed_out',
          { type: 'Person', id: personId },
          { by: `idp:${idp.slug}`, sessions },
        );
      }
      // Our answer, signed with our current signing key (HTTP-Redirect binding).
      const url = await sp.getLogoutResponseUrlAsync(
        result.profile,
        safeReturnTo(source.RelayState),
        {},
        true,
      );
      return res.redirect(303, url);
    } catch (error) {
      await recordAudit(
        ANONYMOUS,
        'auth.logout_failed',
        { type: 'IdentityProvider', id: String(idp._id), label: idp.slug },
        { reason: reasonOf(error) },
      );
      sendProblem(res, 'invalid', 'The logout message was refused.');
    }
  };
  router.get('/:idp/slo', slo);
  router.post('/:idp/slo', form, slo);
  return router;
}
