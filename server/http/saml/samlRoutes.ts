/**
 * The SAML endpoints, one set per identity provider, at stable paths:
 *   GET  /auth/saml/:idp/metadata   our SP metadata, to hand to the city
 *   GET  /auth/saml/:idp/login      starts sign-in (AuthnRequest, HTTP-Redirect binding)
 *   POST /auth/saml/:idp/acs        the provider's answer (HTTP-POST binding), acsRoute.ts
 *   GET|POST /auth/saml/:idp/slo    single logout (provider-initiated requests, answers to ours)
 * Metadata, login and the ACS go through passport's MultiSamlStrategy (samlPassport.ts). Single
 * logout calls node-saml directly, built from the same settings: passport-saml's logout handling
 * ends passport's own login session (req.logout) and answers the provider from req.user, neither of
 * which we use (our sessions are ended by person, endSessions.ts).
 */
import express, { type Request, type Response, type Router } from 'express';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Config } from '../../config.js';
import { sendProblem } from '../problem.js';
import { endPersonSessions } from '../../auth/endSessions.js';
import { acsRoute } from './acsRoute.js';
import { SamlRefusal } from '../../auth/saml/checkResponse.js';
import { activeProvider, reasonOf, safeReturnTo } from './routeHelpers.js';
import { decodeSamlMessage, parseStrictXml } from '../../auth/saml/safeXml.js';
import { samlFor } from '../../auth/saml/samlFor.js';
import { createSamlPassport } from '../../auth/saml/samlPassport.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { personOfSubject, rememberLogoutOnce } from '../../auth/saml/logoutRequests.js';

/** Builds the /auth/saml router. */
export function samlRoutes(config: Config): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 10 });

  const saml = createSamlPassport(config);

  router.get('/:idp/metadata', async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    res.type('application/samlmetadata+xml').send(await saml.metadata(req));
  });

  router.get('/:idp/login', async (req, res, next) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    saml.login(req, res, next, safeReturnTo(req.query.returnTo));
  });

  router.post('/:idp/acs', form, acsRoute(saml));

  const slo = async (req: Request, res: Response) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const sp = samlFor(config, idp);
    const source = (req.method === 'GET' ? req.query : (req.body ?? {})) as Record<string, string>;
    try {
      const message = source.SAMLRequest ?? source.SAMLResponse;
      if (typeof message !== 'string') throw new SamlRefusal('no SAML message');
      if (req.method === 'GET' && typeof source.Signature !== 'string')
        throw new SamlRefusal('unsigned redirect');
      let destination: string | null = null;
      if (req.method === 'POST')
        destination =
          parseStrictXml(decodeSamlMessage(message)).documentElement?.getAttribute('Destination') ?? null;
      if (destination && destination !== spUrls(config, idp.slug).slo)
        throw new SamlRefusal('wrong Destination');
      const originalQuery = req.originalUrl.split('?')[1] ?? '';
      const result =
        req.method === 'GET'
          ? await sp.validateRedirectAsync(source, originalQuery)
          : source.SAMLRequest
            ? await sp.validatePostRequestAsync({ SAMLRequest: source.SAMLRequest })
            : await sp.validatePostResponseAsync({ SAMLResponse: message });
      if (source.SAMLRequest && result.profile?.ID) {
        await rememberLogoutOnce(`${String(idp._id)}:logout:${String(result.profile.ID)}`);
      }
      if (source.SAMLRequest && result.profile) {
        const personId = await personOfSubject(idp._id, result.profile.nameID);
        if (personId) {
          await endPersonSessions(personId);
          await recordAudit(
            ANONYMOUS,
            'auth.signed_out',
            { type: 'Person', id: personId },
            { by: `idp:${idp.slug}` },
          );
        }
        const url = await sp.getLogoutResponseUrlAsync(
          result.profile,
          safeReturnTo(source.RelayState),
          {},
          true,
        );
        return res.redirect(303, url);
      }
      res.redirect(303, safeReturnTo(source.RelayState));
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
