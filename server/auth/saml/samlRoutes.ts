/**
 * The SAML endpoints, one set per identity provider, at stable paths:
 *   GET  /auth/saml/:idp/metadata   our SP metadata, to hand to the city
 *   GET  /auth/saml/:idp/login      starts sign-in (AuthnRequest, HTTP-Redirect binding)
 *   POST /auth/saml/:idp/acs        the provider's answer (HTTP-POST binding)
 *   GET|POST /auth/saml/:idp/slo    single logout (provider-initiated requests, answers to ours)
 * The ACS is a cross-site POST, so the session cookie is not there: the answer is matched to our
 * request by InResponseTo, stored in the database, never by the cookie.
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Profile } from '@node-saml/node-saml';
import { ANONYMOUS } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import type { Config } from '../../config.js';
import { sendProblem } from '../../http/problem.js';
import { IdentityProviderModel, type IdentityProviderDoc } from '../../models/IdentityProvider.js';
import { PersonIdentityModel } from '../../models/PersonIdentity.js';
import { SamlAssertionModel } from '../../models/SamlAssertion.js';
import { isDuplicateKey } from '../../services/errors.js';
import { personActor } from '../../services/people/personActor.js';
import { endPersonSessions } from '../endSessions.js';
import { beginSession } from '../sessions.js';
import { checkValidatedResponse, SamlRefusal } from './checkResponse.js';
import { provisionPerson } from './provisionPerson.js';
import { decodeSamlMessage, parseStrictXml, UnsafeXmlError } from './safeXml.js';
import { samlFor } from './samlFor.js';
import { spUrls } from './spUrls.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]{0,500}$/;

function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && RETURN_TO.test(value) ? value : '/';
}

async function activeProvider(req: Request, res: Response): Promise<IdentityProviderDoc | null> {
  const slug = String(req.params.idp ?? '');
  const idp = SLUG.test(slug) ? await IdentityProviderModel.findOne({ slug, status: 'active' }).lean() : null;
  if (!idp) sendProblem(res, 'not_found', 'There is no such identity provider.');
  return idp;
}

/** Accepts a logout request id once (same replay cache as assertions, kept ten minutes). */
async function rememberOnce(key: string): Promise<void> {
  try {
    await SamlAssertionModel.create({ _id: key, expiresAt: new Date(Date.now() + 10 * 60_000) });
  } catch (error) {
    if (isDuplicateKey(error)) throw new SamlRefusal('logout request replayed');
    throw error;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof SamlRefusal || error instanceof UnsafeXmlError) return error.message;
  if (error instanceof Error) return `validation: ${error.message}`.slice(0, 300);
  return 'unknown';
}

/** Builds the /auth/saml router. */
export function samlRoutes(config: Config): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '512kb', parameterLimit: 10 });

  router.get('/:idp/metadata', async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    res
      .type('application/samlmetadata+xml')
      .send(samlFor(config, idp).generateServiceProviderMetadata(null, null));
  });

  router.get('/:idp/login', async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const url = await samlFor(config, idp).getAuthorizeUrlAsync(
      safeReturnTo(req.query.returnTo),
      undefined,
      {},
    );
    res.redirect(303, url);
  });

  router.post('/:idp/acs', form, async (req, res) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const target = { type: 'IdentityProvider', id: String(idp._id), label: idp.slug };
    const body = (req.body ?? {}) as Record<string, unknown>;
    let profile: Profile | null;
    try {
      if (typeof body.SAMLResponse !== 'string') throw new SamlRefusal('no SAMLResponse');
      parseStrictXml(decodeSamlMessage(body.SAMLResponse));
      ({ profile } = await samlFor(config, idp).validatePostResponseAsync({
        SAMLResponse: body.SAMLResponse,
      }));
      if (!profile) throw new SamlRefusal('no profile');
      const checked = await checkValidatedResponse(profile, {
        idpId: String(idp._id),
        entityId: idp.entityId,
        acsUrl: spUrls(config, idp.slug).acs,
        allowUnsolicited: idp.allowUnsolicited,
        clockSkewMs: config.samlClockSkewSeconds * 1000,
      });
      const { person, created, rolesBefore } = await provisionPerson(idp, checked.nameId, profile);
      const actor = personActor(person);
      await beginSession(req, {
        personId: actor.id,
        method: 'saml',
        saml: {
          idp: idp.slug,
          nameId: checked.nameId,
          nameIdFormat: profile.nameIDFormat ?? null,
          sessionIndex: profile.sessionIndex ?? null,
        },
      });
      const personTarget = { type: 'Person', id: actor.id };
      if (created)
        await recordAudit(actor, 'person.provisioned', personTarget, { idp: idp.slug, roles: person.roles });
      else if (rolesBefore && [...rolesBefore].sort().join() !== [...person.roles].sort().join())
        await recordAudit(actor, 'person.roles_changed', personTarget, {
          from: rolesBefore,
          to: person.roles,
          by: `idp:${idp.slug}`,
        });
      await recordAudit(actor, 'auth.signed_in', personTarget, { method: 'saml', idp: idp.slug });
      res.redirect(303, safeReturnTo(body.RelayState));
    } catch (error) {
      await recordAudit(ANONYMOUS, 'auth.sign_in_failed', target, {
        method: 'saml',
        reason: reasonOf(error),
      });
      sendProblem(res, 'unauthenticated', 'Sign-in through the identity provider failed.');
    }
  });

  const slo = async (req: Request, res: Response) => {
    const idp = await activeProvider(req, res);
    if (!idp) return;
    const saml = samlFor(config, idp);
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
          ? await saml.validateRedirectAsync(source, originalQuery)
          : source.SAMLRequest
            ? await saml.validatePostRequestAsync({ SAMLRequest: source.SAMLRequest })
            : await saml.validatePostResponseAsync({ SAMLResponse: message });
      if (source.SAMLRequest && result.profile?.ID) {
        await rememberOnce(`${String(idp._id)}:logout:${String(result.profile.ID)}`);
      }
      if (source.SAMLRequest && result.profile) {
        const identity = await PersonIdentityModel.findOne({
          idpId: idp._id,
          subject: result.profile.nameID,
        }).lean();
        if (identity) {
          await endPersonSessions(String(identity.personId));
          await recordAudit(
            ANONYMOUS,
            'auth.signed_out',
            { type: 'Person', id: String(identity.personId) },
            { by: `idp:${idp.slug}` },
          );
        }
        const url = await saml.getLogoutResponseUrlAsync(
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
