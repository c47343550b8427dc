/**
 * The development identity provider's pages (development with demo data only; app.ts never mounts
 * them in production, and registerDemoIdp.ts disables its providers there):
 * - GET /dev-idp/people: the demo people the sign-in page's development chooser lists (JSON);
 * - POST /dev-idp/choose: the chooser's choice. A person of a city goes through the real SAML round
 *   trip of their city's development provider (remembered for two minutes in a cookie the provider
 *   reads); a person without a city (no city provider can vouch for them) is signed in directly,
 *   with no second factor (development only);
 * - GET /dev-idp/sso: reads our AuthnRequest and answers the ACS with a real signed SAMLResponse for
 *   the chosen person, or lets you pick a person of the provider's city (or type a newcomer).
 * Server-rendered HTML, no inline script or style (CSP).
 */
import { inflateRawSync } from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';
import type { Config } from '../../config.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { sendProblem } from '../problem.js';
import { parseStrictXml } from '../../auth/saml/safeXml.js';
import { spUrls } from '../../auth/saml/spUrls.js';
import { beginSession, createSessionMiddleware } from '../../auth/sessions.js';
import { devIdpKey } from '../../auth/devIdp/devIdpKeys.js';
import {
  DEMO_IDP,
  devIdpUrls,
  listDevProviders,
  type DevProvider,
} from '../../auth/devIdp/registerDemoIdp.js';
import {
  findChooserPerson,
  findDemoPerson,
  listChooserPeople,
  listDemoPeople,
} from '../../auth/devIdp/demoPeople.js';
import { buildSamlResponse, xmlEscape as esc } from '../../auth/devIdp/samlResponse.js';
import { loadActivePersonActor } from '../../policy/personActor.js';
import { safeReturnTo } from '../saml/routeHelpers.js';

const SAML_ID = /^[A-Za-z_][A-Za-z0-9_.-]{0,100}$/;
const EMAIL = /^[^\s@<>"']{1,100}@[^\s@<>"']{1,150}$/;
const OBJECT_ID = /^[0-9a-f]{24}$/;
/** The cookie that carries the chooser's choice to /dev-idp/sso (path-bound, two minutes). */
const CHOSEN = 'concordia.dev-person';
const CHOSEN_SECONDS = 120;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

/** Reads the request id and issuer out of one of our AuthnRequests (Redirect binding); null if malformed. */
function readAuthnRequest(samlRequest: string): { id: string; issuer: string } | null {
  try {
    const xml = inflateRawSync(Buffer.from(samlRequest, 'base64'), { maxOutputLength: 64 * 1024 }).toString(
      'utf8',
    );
    const root = parseStrictXml(xml).documentElement;
    const issuer = root
      ?.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')
      .item(0)?.textContent;
    const id = root?.getAttribute('ID') ?? '';
    return root?.localName === 'AuthnRequest' && issuer && SAML_ID.test(id) ? { id, issuer } : null;
  } catch {
    return null;
  }
}

/** The chooser's choice from the request's cookie, if any. */
function chosenPersonId(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === CHOSEN && value && OBJECT_ID.test(value)) return value;
  }
  return null;
}

function chosenCookie(value: string, seconds: number): string {
  return `${CHOSEN}=${value}; Path=/dev-idp; Max-Age=${seconds}; HttpOnly; SameSite=Lax`;
}

/**
 * Whether a form post comes from our own pages: the browser's Sec-Fetch-Site says same-origin (our
 * Referrer-Policy makes a form's Origin "null"), or, from a client without it, Origin is ours.
 */
function fromOurPages(req: Request, config: Config): boolean {
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  return req.get('origin') === new URL(config.publicUrl).origin;
}

/** The page that posts a signed response for `email` to the provider's ACS at once. */
async function answerAcs(
  config: Config,
  res: Response,
  provider: DevProvider,
  request: { requestId: string; relayState: string },
  who: { email: string; name: string; roles: string[]; position: string | null; organisation: string | null },
): Promise<void> {
  const sp = spUrls(config, provider.slug);
  const attributes: Record<string, string | string[]> = {
    email: who.email,
    displayName: who.name,
    groups: who.roles,
    ...(who.position ? { title: who.position } : {}),
    ...(who.organisation ? { department: who.organisation } : {}),
  };
  const xml = buildSamlResponse(
    {
      idpEntityId: devIdpUrls(config).entityId,
      acsUrl: sp.acs,
      audience: sp.entityId,
      nameId: who.email,
      inResponseTo: request.requestId,
      attributes,
    },
    await devIdpKey(config.dataDir),
  );
  res
    .type('html')
    .send(
      page(
        'Signing you in…',
        `<form id="saml-post" method="post" action="${esc(sp.acs)}"><input type="hidden" name="SAMLResponse" value="${Buffer.from(xml).toString('base64')}"><input type="hidden" name="RelayState" value="${esc(request.relayState)}"><button type="submit">Continue</button></form><script src="/dev-idp/autosubmit.js"></script>`,
      ),
    );
}

/** The picker of a provider's city: its active people, and a newcomer form. */
async function pickerPage(provider: DevProvider, requestId: string, relayState: string): Promise<string> {
  const people = await listDemoPeople(provider.city.slug);
  const hidden = `<input type="hidden" name="idp" value="${esc(provider.slug)}"><input type="hidden" name="requestId" value="${esc(requestId)}"><input type="hidden" name="relayState" value="${esc(relayState)}">`;
  const choices = people
    .map(
      (p) =>
        `<li><form method="post" action="/dev-idp/sso">${hidden}<input type="hidden" name="email" value="${esc(p.email)}"><button type="submit">${esc(p.name)}</button> ${esc(p.email)} (${esc(p.roles.join(', '))})</form></li>`,
    )
    .join('');
  const newcomer = `<form method="post" action="/dev-idp/sso">${hidden}<label>Name <input name="name" required maxlength="100"></label> <label>E-mail <input name="email" type="email" required maxlength="200"></label> <button type="submit">Sign in as a newcomer</button></form>`;
  return page(
    `Development identity provider: ${provider.city.name}`,
    `<p>Not for production. Pick a demo person of ${esc(provider.city.name)}:</p><ul>${choices}</ul><h2>Or a newcomer</h2>${newcomer}`,
  );
}

/** The /dev-idp router. */
export function devIdpRoutes(config: Config): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });
  const session = createSessionMiddleware(config);
  const providerOfIssuer = async (issuer: string) =>
    (await listDevProviders()).find((p) => spUrls(config, p.slug).entityId === issuer) ?? null;
  const providerOfSlug = async (slug: unknown) =>
    (await listDevProviders()).find((p) => p.slug === slug) ?? null;

  router.get('/autosubmit.js', (_req, res) => {
    res.type('application/javascript').send("document.getElementById('saml-post').submit();\n");
  });

  router.get('/people', async (_req, res) => {
    const people = await listChooserPeople();
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        roles: p.roles,
        position: p.position,
        organisation: p.organisation,
        city: p.city,
        via: p.provider ? 'city' : 'direct',
      })),
    });
  });

  router.post('/choose', form, session, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!fromOurPages(req, config)) return sendProblem(res, 'forbidden', 'Choose on the sign-in page.');
    const id = typeof body.person === 'string' && OBJECT_ID.test(body.person) ? body.person : null;
    const person = id ? await findChooserPerson(id) : null;
    if (!person) return sendProblem(res, 'invalid', 'Pick a demo person from the list.');
    const returnTo = safeReturnTo(body.returnTo);
    if (person.provider) {
      res.setHeader('Set-Cookie', chosenCookie(person.id, CHOSEN_SECONDS));
      return res.redirect(
        303,
        `/auth/saml/${encodeURIComponent(person.provider)}/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
    }
    // No city provider can vouch for them: the development provider signs them in itself.
    const actor = await loadActivePersonActor(person.id);
    if (!actor) return sendProblem(res, 'invalid', 'Pick a demo person from the list.');
    await beginSession(req, { personId: person.id, method: 'local' });
    await recordAudit(
      actor,
      'auth.signed_in',
      { type: 'Person', id: person.id },
      {
        method: 'development',
      },
    );
    res.redirect(303, returnTo);
  });

  router.get('/sso', async (req, res) => {
    const request = readAuthnRequest(String(req.query.SAMLRequest ?? ''));
    const provider = request ? await providerOfIssuer(request.issuer) : null;
    if (!request || !provider) return sendProblem(res, 'invalid', 'Not an AuthnRequest from this server.');
    const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : '/';
    const chosenId = chosenPersonId(req);
    const chosen = chosenId ? await findChooserPerson(chosenId) : null;
    if (chosenId) res.append('Set-Cookie', chosenCookie('', 0));
    if (chosen && chosen.provider === provider.slug)
      return answerAcs(config, res, provider, { requestId: request.id, relayState }, chosen);
    res.type('html').send(await pickerPage(provider, request.id, relayState));
  });

  router.post('/sso', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // A form without `idp` is the original single provider's (Nairobi's).
    const provider = await providerOfSlug(body.idp ?? DEMO_IDP.slug);
    const requestId =
      typeof body.requestId === 'string' && SAML_ID.test(body.requestId) ? body.requestId : null;
    const email =
      typeof body.email === 'string' && EMAIL.test(body.email.trim())
        ? body.email.trim().toLowerCase()
        : null;
    if (!provider || !requestId || !email) return sendProblem(res, 'invalid', 'Pick a person.');
    const existing = await findDemoPerson(email, provider.city.slug);
    const typedName = typeof body.name === 'string' ? body.name.trim().slice(0, 100) : '';
    const relayState = typeof body.relayState === 'string' ? body.relayState : '/';
    await answerAcs(
      config,
      res,
      provider,
      { requestId, relayState },
      existing ?? { email, name: typedName || email, roles: [], position: null, organisation: null },
    );
  });
  return router;
}
