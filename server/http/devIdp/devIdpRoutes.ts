/**
 * The development identity provider's pages (development with demo data only): /dev-idp/sso reads our
 * AuthnRequest, lets you pick a demo person of the demo city (or type a newcomer), and answers the
 * ACS with a real signed SAMLResponse. Server-rendered HTML, no inline script or style (CSP).
 */
import { inflateRawSync } from 'node:zlib';
import express, { type Router } from 'express';
import type { Config } from '../../config.js';
import { sendProblem } from '../problem.js';
import { parseStrictXml } from '../../auth/saml/safeXml.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { devIdpKey } from '../../auth/devIdp/devIdpKeys.js';
import { DEMO_IDP, devIdpUrls } from '../../auth/devIdp/registerDemoIdp.js';
import { findDemoPerson, listDemoPeople } from '../../auth/devIdp/demoPeople.js';
import { buildSamlResponse, xmlEscape as esc } from '../../auth/devIdp/samlResponse.js';

const SAML_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,100}$/;
const EMAIL = /^[^\s@<>"']{1,100}@[^\s@<>"']{1,150}$/;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

/** Reads the request id out of one of our AuthnRequests (Redirect binding); null if it is not ours. */
function requestIdOf(samlRequest: string, expectedIssuer: string): string | null {
  try {
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64'), { maxOutputLength: 64 * 1024 }).toString(
      'utf8',
    );
    const root = parseStrictXml(xml).documentElement;
    const issuer = root
      ?.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')
      .item(0)?.textContent;
    const id = root?.getAttribute('ID') ?? '';
    return root?.localName === 'AuthnRequest' && issuer === expectedIssuer && SAML_ID.test(id) ? id : null;
  } catch {
    return null;
  }
}

/** The /dev-idp router. */
export function devIdpRoutes(config: Config): Router {
  const router = express.Router();
  const sp = spUrls(config, DEMO_IDP.slug);
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });

  router.get('/autosubmit.js', (_req, res) => {
    res.type('application/javascript').send("document.getElementById('saml-post').submit();\n");
  });

  router.get('/sso', async (req, res) => {
    const requestId = requestIdOf(String(req.query.SAMLRequest ?? ''), sp.entityId);
    if (!requestId) return sendProblem(res, 'invalid', 'Not an AuthnRequest from this server.');
    const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : '/';
    const people = await listDemoPeople();
    const hidden = `<input type="hidden" name="requestId" value="${esc(requestId)}"><input type="hidden" name="relayState" value="${esc(relayState)}">`;
    const choices = people
      .map(
        (p) =>
          `<li><form method="post" action="/dev-idp/sso">${hidden}<input type="hidden" name="email" value="${esc(p.email)}"><button type="submit">${esc(p.name)}</button> ${esc(p.email)} (${esc(p.roles.join(', '))})</form></li>`,
      )
      .join('');
    const newcomer = `<form method="post" action="/dev-idp/sso">${hidden}<label>Name <input name="name" required maxlength="100"></label> <label>E-mail <input name="email" type="email" required maxlength="200"></label> <button type="submit">Sign in as a newcomer</button></form>`;
    res
      .type('html')
      .send(
        page(
          `Development identity provider: ${DEMO_IDP.city}`,
          `<p>Not for production. Pick a demo person of ${esc(DEMO_IDP.city)}:</p><ul>${choices}</ul><h2>Or a newcomer</h2>${newcomer}`,
        ),
      );
  });

  router.post('/sso', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const requestId =
      typeof body.requestId === 'string' && SAML_ID.test(body.requestId) ? body.requestId : null;
    const email =
      typeof body.email === 'string' && EMAIL.test(body.email.trim())
        ? body.email.trim().toLowerCase()
        : null;
    if (!requestId || !email) return sendProblem(res, 'invalid', 'Pick a person.');
    const existing = await findDemoPerson(email);
    const typedName = typeof body.name === 'string' ? body.name.trim().slice(0, 100) : '';
    const attributes: Record<string, string | string[]> = {
      email,
      displayName: existing?.name ?? (typedName || email),
      groups: existing ? [...existing.roles] : [],
      ...(existing?.position ? { title: existing.position } : {}),
    };
    const urls = devIdpUrls(config);
    const xml = buildSamlResponse(
      {
        idpEntityId: urls.entityId,
        acsUrl: sp.acs,
        audience: sp.entityId,
        nameId: email,
        inResponseTo: requestId,
        attributes,
      },
      await devIdpKey(config.dataDir),
    );
    const relayState = typeof body.relayState === 'string' ? body.relayState : '/';
    res
      .type('html')
      .send(
        page(
          'Signing you in…',
          `<form id="saml-post" method="post" action="${esc(sp.acs)}"><input type="hidden" name="SAMLResponse" value="${Buffer.from(xml).toString('base64')}"><input type="hidden" name="RelayState" value="${esc(relayState)}"><button type="submit">Continue</button></form><script src="/dev-idp/autosubmit.js"></script>`,
        ),
      );
  });
  return router;
}
