/**
 * Signing in through an identity provider this project did not write: Keycloak's server distribution
 * from Maven Central (installed by scripts/keycloak/install.sh), with a realm whose SAML client for us
 * keeps Keycloak's default client scopes (the role list) plus the predefined X500 e-mail, given name
 * and surname mappers a Keycloak admin adds from its own list. The provider is registered for Lyon by
 * the admin command line from the metadata Keycloak publishes, with no attribute map: the person's
 * name and e-mail come from Keycloak's default attribute names. The browser fills in Keycloak's own
 * login form. Keycloak requires our AuthnRequests to be signed by the certificate in our SP metadata,
 * signs its documents and assertions with RSA-SHA256, and ends its session when we sign out (single
 * logout).
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DEMO_IDP } from '../../server/auth/devIdp/registerDemoIdp.js';
import { admin } from './support/admin.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { KEYCLOAK_USER, startKeycloak, type RunningKeycloak } from '../support/keycloak.js';

/** The parts of GET /api/v1/me the test reads. */
interface Me {
  person: {
    name: string;
    email?: string;
    city: string | null;
    position: string | null;
    organisation: string | null;
  };
  signIn: { method: string; idp: string | null } | null;
}

/**
 * Our AuthnRequest signing certificate, from the SP metadata we publish (the SP keys are the
 * deployment's, the same for every provider: the development provider's metadata has them).
 */
async function ourSigningCertificate(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/auth/saml/${DEMO_IDP.slug}/metadata`);
  assert.equal(response.status, 200);
  const xml = await response.text();
  const cert = /<md:KeyDescriptor use="signing">.*?<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/s.exec(
    xml,
  )?.[1];
  assert.ok(cert, `our SP metadata publishes a signing certificate:\n${xml}`);
  return cert;
}

const FULL_NAME = `${KEYCLOAK_USER.firstName} ${KEYCLOAK_USER.lastName}`;

describe('sign-in through Keycloak, a third-party SAML identity provider', () => {
  const slug = `lyon-keycloak-${Date.now().toString(36)}`;
  let keycloak: RunningKeycloak | null = null;
  let registeredIdp = false;

  before(async function () {
    this.timeout(300_000);
    const { baseUrl, dataDir } = e2e();
    keycloak = await startKeycloak({
      entityId: `${baseUrl}/auth/saml/${slug}/metadata`,
      acsUrl: `${baseUrl}/auth/saml/${slug}/acs`,
      sloUrl: `${baseUrl}/auth/saml/${slug}/slo`,
      signingCertificate: await ourSigningCertificate(baseUrl),
    });
    // The operator's way to register a city's provider: from the address where it publishes its metadata.
    const registered = await admin<{ slug: string; entityId: string; attributeMap: Record<string, unknown> }>(
      { baseUrl, dataDir },
      [
        'idp',
        'add',
        '--city',
        'lyon',
        '--slug',
        slug,
        '--name',
        'Keycloak',
        '--metadata-url',
        keycloak.metadataUrl,
      ],
    );
    registeredIdp = true;
    assert.equal(registered.entityId, `${keycloak.url}/realms/lyon`);
    assert.ok(
      Object.values(registered.attributeMap).every((name) => name === null || name === undefined),
      'no attribute map is configured',
    );
  });

  after(async function () {
    this.timeout(120_000);
    await keycloak?.stop();
    keycloak = null;
    // The browser suites share one server: the other suites find Lyon's sign-in page as it was.
    const { baseUrl, dataDir } = e2e();
    if (registeredIdp) await admin({ baseUrl, dataDir }, ['idp', 'disable', slug]);
  });

  /** What Keycloak's form says when it asks a person it still has a session for to sign in again. */
  const REAUTHENTICATE = 'Please re-authenticate to continue';

  /** From our sign-in page through Keycloak's login form, back to Lyon's page, signed in. */
  async function signInThroughKeycloak(page: Page, baseUrl: string): Promise<void> {
    await page.goto(`${baseUrl}/sign-in?returnTo=%2Fcities%2Flyon`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Concordia' }).waitFor();
    await page.getByRole('link', { name: /Lyon\s*Keycloak/ }).click();
    // Keycloak's own page, on its own origin.
    await page.waitForURL((url) => url.origin === keycloak?.url);
    await page.getByLabel('Username or email').fill(KEYCLOAK_USER.username);
    await page.getByLabel('Password', { exact: true }).fill(KEYCLOAK_USER.password);
    await page.getByRole('button', { name: 'Sign In' }).click();
    // Keycloak posts its signed response to our ACS, which sends the browser back where it started.
    await page.waitForURL(`${baseUrl}/cities/lyon`);
    await page.getByRole('banner').getByRole('link', { name: FULL_NAME }).waitFor();
  }

  it("signs in with Keycloak's login form and takes the name from first and last name, not the e-mail", async function () {
    this.timeout(120_000);
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughKeycloak(page, baseUrl);

    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).json() as Promise<Me>);
    assert.equal(me.person.name, FULL_NAME);
    assert.equal(me.person.email, KEYCLOAK_USER.email);
    assert.equal(me.person.city, 'lyon');
    assert.deepEqual(me.signIn && { method: me.signIn.method, idp: me.signIn.idp }, {
      method: 'saml',
      idp: slug,
    });
    // Keycloak's default scopes and predefined mappers send no job title or department.
    assert.equal(me.person.position, null);
    assert.equal(me.person.organisation, null);
    session.assertClean();
  });

  it('signs out of Keycloak too (single logout): its form no longer knows the person', async function () {
    this.timeout(120_000);
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughKeycloak(page, baseUrl);
    // The control for the end: our AuthnRequests ask for a fresh sign-in (ForceAuthn, as assertions
    // older than SAML_MAX_AUTHN_AGE_SECONDS are refused), so while Keycloak's session lives its form
    // says "re-authenticate" for the person it knows.
    await page.goto(`${baseUrl}/auth/saml/${slug}/login?returnTo=%2Fcities%2Flyon`);
    await page.waitForURL((url) => url.origin === keycloak?.url);
    await page.getByText(REAUTHENTICATE).waitFor();
    await page.goto(`${baseUrl}/cities/lyon`);
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: FULL_NAME }).waitFor();
    await banner.getByRole('button', { name: 'Sign out' }).click();
    // Our signed LogoutRequest goes to Keycloak, whose LogoutResponse comes back to our /slo.
    await page.waitForURL((url) => url.origin === baseUrl && !url.pathname.startsWith('/auth/saml/'));
    await banner.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/me')).status), 401);
    // Keycloak's session ended too: signing in again shows its plain login form, knowing nobody.
    await page.goto(`${baseUrl}/auth/saml/${slug}/login`);
    await page.waitForURL((url) => url.origin === keycloak?.url);
    await page.getByLabel('Password', { exact: true }).waitFor();
    assert.equal(await page.getByText(REAUTHENTICATE).count(), 0, "Keycloak's session is over");
    session.assertClean();
  });

  it('is refused by Keycloak when the AuthnRequest is not signed by our key', async () => {
    const { baseUrl, browser } = e2e();
    // Our login redirect, its signature taken off: Keycloak requires our signature on every request.
    const start = await fetch(`${baseUrl}/auth/saml/${slug}/login`, { redirect: 'manual' });
    const location = new URL(start.headers.get('location') ?? '');
    assert.equal(location.origin, keycloak?.url);
    assert.ok(location.searchParams.get('Signature'), 'our AuthnRequest is signed');
    assert.equal(location.searchParams.get('SigAlg'), 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    location.searchParams.delete('Signature');
    const session = await openSession(browser);
    const { page } = session;
    const answer = await page.goto(location.href);
    assert.notEqual(answer?.status(), 200);
    await page.getByText('Invalid requester').waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0, 'no login form is offered');
  });
});
