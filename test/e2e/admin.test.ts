/**
 * The admins' console in the browser: an admin (local account, authenticator app set up from the QR
 * code) approves a membership application, registers the new city's identity provider from its
 * metadata file, and its test sign-in works against a provider answering with real signed SAML; an
 * unsigned answer shows as a failed test. A focal point sees only their own city. Every console page
 * passes axe at 1280 px and 390 px, in English and Arabic.
 */
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { PRINCIPLES_VERSION } from '../../shared/principles.js';
import { inviteLink } from './support/admin.js';
import { assertAccessible } from './support/axe.js';
import { startFakeIdp, type FakeIdp } from './support/fakeIdp.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { testKey } from '../support/saml.js';
import { signInAtNairobi } from './support/rooms.js';

const ADMIN = 'admin@demo.concordia.example';
const PASSWORD = 'an admin passphrase of some length';

let adminSecret: string | null = null;
let registeredIdp: string | null = null;
/** The city the first test approved (the demo's own cities stay as they are for the other suites). */
let approvedCity: string | null = null;
let lastCode: string | null = null;

/** A fresh authenticator code: a code once used is refused, so wait for the next one if needed. */
async function freshCode(secret: string): Promise<string> {
  for (;;) {
    const code = await generate({ secret });
    if (code !== lastCode) {
      lastCode = code;
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Signs the demo admin in with a password and the authenticator app (set up once, from the QR code). */
async function signInAsAdmin(page: Page, baseUrl: string, dataDir: string): Promise<void> {
  if (!adminSecret) {
    const link = await inviteLink({ baseUrl, dataDir }, ADMIN);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
  }
  await page.goto(`${baseUrl}/sign-in?returnTo=%2Fadmin`);
  await page.getByLabel('E-mail address').fill(ADMIN);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  if (!adminSecret) {
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    // The QR code is drawn inline (no data: image, no inline style) and named for screen readers.
    const qr = page.getByRole('img', { name: 'QR code of your authenticator key' });
    await qr.waitFor();
    assert.ok(((await qr.locator('path').getAttribute('d')) ?? '').length > 500, 'the QR code has modules');
    await assertAccessible(page, 'authenticator set-up with its QR code (en)');
    adminSecret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    await page.getByLabel('Six-digit code').fill(await freshCode(adminSecret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByLabel('I have stored my recovery codes').check();
    await page.getByRole('button', { name: 'Continue' }).click();
  } else {
    await page.getByRole('heading', { name: 'Second step: your authenticator app' }).waitFor();
    await page.getByLabel('Six-digit code').fill(await freshCode(adminSecret));
    await page.getByRole('button', { name: 'Verify' }).click();
  }
  await page.waitForURL((url) => url.pathname === '/admin');
}

/** Files a membership application for `city` over the public API. */
async function apply(baseUrl: string, city: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      city: { name: city, kind: 'city', country: 'CO' },
      contact: {
        name: 'Ana Díaz',
        email: `ana-${Date.now()}@medellin.example`,
        position: 'Secretary of peace',
      },
      pledge: { version: PRINCIPLES_VERSION, accepted: true },
      message: 'We would like to join the network.',
    }),
  });
  assert.equal(response.status, 201, await response.text());
}

describe('the admins’ console (/admin)', () => {
  let idp: FakeIdp | null = null;
  after(async () => {
    await idp?.close();
  });

  it('approves an application, registers its identity provider from metadata, and its test sign-in works', async function () {
    this.timeout(240_000);
    const { baseUrl, dataDir, browser } = e2e();
    const city = `Medellín ${Date.now().toString(36)}`;
    await apply(baseUrl, city);
    const slug = `medellin-${Date.now().toString(36)}`;
    idp = await startFakeIdp(baseUrl, `${slug}-idp`, {
      nameId: 'tester@medellin.example',
      attributes: { mail: 'tester@medellin.example', cn: 'Tess Tester', memberOf: ['alcaldes', 'staff'] },
    });

    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInAsAdmin(page, baseUrl, dataDir);

    // The application, pending: approve it into the hub the admin chooses, under the slug they choose.
    await page.getByRole('heading', { level: 1, name: 'Membership applications' }).waitFor();
    const card = page.getByRole('article', { name: city });
    await card.getByText('We would like to join the network.').waitFor();
    await card.getByLabel('Hub of the new city').selectOption('north-america');
    await card.getByLabel('Address name of the new city').fill(slug);
    await card.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('status').getByText('The application is approved').waitFor();
    await page.getByLabel('Show').selectOption('approved');
    await page.getByRole('article', { name: city }).getByText('Approved').waitFor();
    approvedCity = city;
    await assertAccessible(page, 'admin applications (en, 1280)');

    // Register the new city's provider from its metadata file.
    await page
      .getByRole('navigation', { name: 'Administration sections' })
      .getByRole('link', { name: 'Identity providers' })
      .click();
    await page.getByRole('link', { name: 'Register an identity provider' }).click();
    await page.getByRole('heading', { level: 1, name: 'Register an identity provider' }).waitFor();
    await page.getByLabel('City').selectOption(slug);
    await page.getByLabel('Name', { exact: true }).fill(`${city} sign-in`);
    await page.getByLabel('Address name').fill(`${slug}-idp`);
    // Hostile or broken metadata is refused with a clear message, and the form keeps what was typed.
    await page.getByLabel('Paste the metadata XML').check();
    await page
      .getByRole('textbox', { name: 'Metadata XML' })
      .fill('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page
      .locator('#idp-error')
      .getByText(/DTDs and entities are not allowed/)
      .waitFor();
    assert.equal(await page.getByLabel('Address name').inputValue(), `${slug}-idp`);
    await page.getByLabel('Fetch it from an address').check();
    await page.getByRole('textbox', { name: 'Metadata address' }).fill('http://127.0.0.1:9/metadata');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page
      .locator('#idp-error')
      .getByText('The metadata could not be fetched from that address.', { exact: false })
      .waitFor();
    await page.getByLabel('Upload the metadata file').check();
    await page.getByLabel('Metadata file (XML)').setInputFiles({
      name: 'metadata.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(idp.metadataXml),
    });
    await assertAccessible(page, 'admin new identity provider (en, 1280)');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/admin/identity-providers/${slug}-idp`);
    registeredIdp = `${slug}-idp`;
    await page.getByRole('heading', { level: 1, name: `${city} sign-in` }).waitFor();
    await page.getByText(idp.entityId).waitFor();
    await page.getByText('Nobody has signed in through this provider yet').waitFor();

    // The test sign-in: to the provider and back, signed in as nobody else.
    await page.getByRole('button', { name: 'Start a test sign-in' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp?.ssoUrl ?? '-'));
    await page.getByRole('button', { name: 'Sign in as the test person' }).click();
    await page.waitForURL(
      (url) => url.pathname === `/admin/identity-providers/${slug}-idp` && url.searchParams.has('test'),
    );
    await page.getByText('The test sign-in worked').waitFor();
    const sent = page.getByRole('table', { name: 'What the provider sent' });
    await sent.getByRole('rowheader', { name: 'memberOf' }).waitFor();
    await sent.getByText('alcaldes, staff').waitFor();
    // Still the admin, not the tested person.
    await page.getByRole('banner').getByRole('link', { name: 'Amina Hassan' }).waitFor();
    // The last sign-in's values are there to map: e-mail from "mail", and a role rule for "alcaldes".
    await page
      .getByRole('table', { name: /What the last sign-in sent/ })
      .getByRole('rowheader', { name: 'mail' })
      .waitFor();
    await page.getByLabel('E-mail address').fill('mail');
    await page.getByLabel('Name', { exact: true }).fill('cn');
    await page.getByLabel('Groups').fill('memberOf');
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Group value').fill('alcaldes');
    await page.getByLabel('Role', { exact: true }).selectOption('leader');
    await page.getByRole('button', { name: 'Save the attributes and roles' }).click();
    await page.getByRole('status').getByText('The attributes and roles are saved.').waitFor();
    await assertAccessible(page, 'admin identity provider (en, 1280)');

    // A second test now maps the person as a leader; an unsigned answer fails.
    await page.getByRole('button', { name: 'Start a test sign-in' }).click();
    await page.getByRole('button', { name: 'Sign in as the test person' }).click();
    await page.getByText('The test sign-in worked').waitFor();
    await page.getByText('Mayor or city leader').first().waitFor();
    await page.getByText('tester@medellin.example').first().waitFor();
    await page.getByRole('button', { name: 'Start a test sign-in' }).click();
    await page.getByRole('button', { name: 'Answer unsigned' }).click();
    await page.getByText('The test sign-in failed.').waitFor();
    await page.getByText(/Reason: .*signature/i).waitFor();
    await session.screenshot('admin-idp-test-failed-en');
    session.assertClean([{ status: 400, path: '/api/v1/identity-providers' }]);
  });

  it('shows every section to an admin, accessible at 1280 and 390 px in English and Arabic', async function () {
    this.timeout(300_000);
    const { baseUrl, dataDir, browser } = e2e();
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInAsAdmin(page, baseUrl, dataDir);
    for (const language of ['en', 'ar']) {
      if (language === 'ar') {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.getByLabel('Language').selectOption('ar');
        await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      }
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        for (const section of ['applications', 'cities', 'hubs', 'people', 'files', 'identity-providers']) {
          await page.goto(`${baseUrl}/admin/${section}`);
          await page.locator('h1#admin-heading').waitFor();
          await page.waitForFunction(() =>
            [...document.querySelectorAll('.admin__main [role="status"]')].every((e) => e.textContent === ''),
          );
          await assertAccessible(page, `admin ${section} (${language}, ${width})`);
        }
      }
    }
    await page.getByRole('heading', { level: 1, name: 'مزوّدو الهوية' }).waitFor();
    session.assertClean();
  });

  it('gives a focal point their own city only, and a hub with its forum to the admin', async function () {
    this.timeout(180_000);
    const { baseUrl, dataDir, browser } = e2e();
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInAtNairobi(page, baseUrl, 'Wanjiru Kamau', '/admin/cities');
    await page.getByRole('heading', { level: 1, name: 'Cities' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Nairobi' }).waitFor();
    assert.equal(await page.getByRole('article').count(), 1, 'only their own city');
    await page.getByRole('button', { name: 'Save the focal points' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Change the status' }).count(), 0);
    await page.goto(`${baseUrl}/admin/applications`);
    await page
      .locator('.notice--error[role="alert"]')
      .getByText('You are not allowed to do this')
      .first()
      .waitFor();
    session.assertClean([{ status: 403, path: '/api/v1/applications' }]);

    const admin = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    await signInAsAdmin(admin.page, baseUrl, dataDir);
    const hub = `pacific-${Date.now().toString(36)}`;
    await admin.page.goto(`${baseUrl}/admin/hubs`);
    await admin.page.getByLabel('Address name').fill(hub);
    await admin.page.getByLabel('Name in English').fill('Pacific');
    await admin.page.getByLabel('Name in French').fill('Pacifique');
    await admin.page.getByRole('button', { name: 'Create the hub' }).click();
    await admin.page.getByRole('status').getByText(`The hub ${hub} is created`).waitFor();
    await admin.page.getByRole('heading', { level: 2, name: 'Pacific' }).waitFor();
    admin.assertClean();
  });

  it('invites an expert, moves a city along its lifecycle, and rolls a certificate over', async function () {
    this.timeout(180_000);
    const { baseUrl, dataDir, browser } = e2e();
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInAsAdmin(page, baseUrl, dataDir);

    // An expert without a city identity provider is invited to a local account.
    await page.goto(`${baseUrl}/admin/people`);
    const email = `expert-${Date.now().toString(36)}@experts.example`;
    const invite = page.getByRole('region', { name: 'Invite an expert or staff member' });
    await invite.getByLabel('Name').fill('Ines Expert');
    await invite.getByLabel('E-mail address').fill(email);
    await invite.getByLabel('Organisation').fill('Expert Pool');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await invite.getByRole('status').getByText(`${email} is invited.`).waitFor();
    const card = page.getByRole('article', { name: 'Ines Expert' });
    await card.getByText('Invited', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Send the invitation again' }).waitFor();

    // Files and virus scanning: this server runs without CLAMD_URL, and the page says so plainly.
    await page.goto(`${baseUrl}/admin/files`);
    await page.getByRole('heading', { level: 1, name: 'Files and virus scanning' }).waitFor();
    await page
      .locator('.notice--error')
      .getByText('Files are not scanned for viruses on this server.')
      .waitFor();
    const counts = page.getByRole('article', { name: 'Stored files' });
    await counts.getByText('Clean files no scanner has looked at').waitFor();
    await page.getByRole('link', { name: 'Open the moderation queue' }).waitFor();

    // The city approved by the first test is suspended with a reason (the browser suites share one
    // server: the demo's own cities, such as the applicant Denver, stay as the other suites expect).
    assert.ok(approvedCity, 'the first test approved a city');
    await page.goto(`${baseUrl}/admin/cities`);
    const approved = page.getByRole('article', { name: approvedCity });
    await approved.getByLabel('New membership status').selectOption('suspended');
    await approved.getByLabel('Reason (kept in the audit log)').fill('Suspended by the ISC');
    await approved.getByRole('button', { name: 'Change the status' }).click();
    await page.getByRole('article', { name: approvedCity }).getByText('Suspended', { exact: true }).waitFor();

    // Certificate rollover on the provider registered above: the new one beside the old, then the old one out.
    assert.ok(registeredIdp, 'the first test registered a provider');
    await page.goto(`${baseUrl}/admin/identity-providers/${registeredIdp}`);
    const certs = page.getByRole('region', { name: 'Signing certificates' });
    const next = await testKey(`${registeredIdp}-next`);
    await certs.getByLabel('New signing certificate (PEM)').fill(next.cert);
    await certs.getByRole('button', { name: 'Add the certificate' }).click();
    await certs.getByRole('status').getByText('The certificate is added').waitFor();
    const remove = certs.getByRole('button', { name: /^Remove the certificate .*fake-idp/ });
    await remove.waitFor();
    await remove.click();
    await certs.getByRole('status').getByText('The certificate is removed.').waitFor();
    assert.equal(
      await certs.getByRole('button', { name: /^Remove the certificate/ }).count(),
      0,
      'the last one stays',
    );
    await assertAccessible(page, 'admin identity provider after rollover (en, 1280)');

    // The same city's provider registered again, this time from the address where it publishes its metadata.
    await page.goto(`${baseUrl}/admin/identity-providers/new`);
    const city = await page.getByLabel('City').locator('option').nth(1).getAttribute('value');
    await page.getByLabel('City').selectOption(city ?? '');
    await page.getByLabel('Name', { exact: true }).fill('From its address');
    await page.getByLabel('Address name').fill(`${registeredIdp}-url`);
    await page.getByLabel('Fetch it from an address').check();
    await page.getByRole('textbox', { name: 'Metadata address' }).fill(idp?.metadataUrl ?? '');
    await page.getByRole('button', { name: 'Register', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'From its address' }).waitFor();
    await page.getByText(idp?.entityId ?? '-').waitFor();
    session.assertClean();
  });
});
