/**
 * Passkeys in the browser with Chromium's virtual authenticator (CDP WebAuthn domain: CTAP2, internal
 * transport, resident keys, user verification): a local account enrols a passkey from the security
 * settings, signs out, signs in with the passkey alone, then with password and passkey as second factor.
 * WebAuthn needs a secure context and a domain as RP ID (not an IP address), so this file runs its own
 * server whose PUBLIC_URL is http://localhost:<port>, and the browser uses that same address.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { freePort } from '../../server/db/childProcess.js';
import { inviteLink } from './support/admin.js';
import { assertAccessible } from './support/axe.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { startServer, type RunningServer } from './support/server.js';

const PRACTITIONER = 'practitioner@catalonia.demo.concordia.example';
const PASSWORD = 'a long and memorable passphrase';

/** Adds a virtual platform authenticator (a passkey provider that verifies the user) to the page. */
async function addVirtualAuthenticator(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

/** The status of GET /api/v1/me, asked from inside the page (with its cookies). */
function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/v1/me')).status);
}

describe('passkeys (security settings and sign-in, virtual authenticator)', () => {
  let server: RunningServer;
  let baseUrl: string;

  before(async function () {
    this.timeout(200_000);
    // A second server starting beside the shared one on a busy machine may miss the 60 s readiness
    // window once: one more attempt on a fresh port.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      baseUrl = `http://localhost:${port}`;
      try {
        server = await startServer({ PORT: String(port), PUBLIC_URL: baseUrl });
        return;
      } catch (error) {
        if (attempt >= 2) throw error;
      }
    }
  });
  after(async function () {
    this.timeout(30_000);
    await server?.stop();
  });

  it('enrols a passkey in the security settings, signs out, and signs in with it', async () => {
    const { browser } = e2e();
    const link = await inviteLink({ baseUrl, dataDir: server.dataDir }, PRACTITIONER);
    assert.ok(link.startsWith(`${baseUrl}/`), 'the invitation points at the localhost address');
    const session = await openSession(browser);
    const { page } = session;
    await addVirtualAuthenticator(page);

    // A local account with a password.
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('New password again').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(PRACTITIONER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Lucía Fernández' }).waitFor();

    // Enrol a passkey from /settings/security.
    await page.goto(`${baseUrl}/settings/security`);
    await page.getByRole('heading', { level: 1, name: 'Security' }).waitFor();
    await page.getByText('You have no security key or passkey yet.').waitFor();
    await page.getByLabel('Name of the key').fill('Laptop passkey');
    await page.getByRole('button', { name: 'Add a security key or passkey' }).click();
    await page.getByRole('status').filter({ hasText: 'Laptop passkey added.' }).waitFor();
    await page.getByRole('heading', { name: 'Your new recovery codes' }).waitFor();
    assert.equal(await page.locator('.recovery-codes li').count(), 10);
    await page.getByRole('button', { name: 'Rename Laptop passkey' }).waitFor();
    await page.getByRole('button', { name: 'Remove Laptop passkey' }).waitFor();
    await page.getByText('Recovery codes left: 10.').waitFor();
    await assertAccessible(page, '/settings/security');
    await session.screenshot('passkeys-settings-en');

    // Sign out, then sign in with the passkey alone.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await meStatus(page), 401);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Lucía Fernández' }).waitFor();
    assert.equal(await meStatus(page), 200);

    // With a passkey enrolled, the password is followed by the passkey as second factor.
    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('E-mail address').fill(PRACTITIONER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Second step: your security key or passkey' }).waitFor();
    await assertAccessible(page, '/sign-in, second step with a key');
    await page.getByRole('button', { name: 'Use my security key or passkey' }).click();
    await page.getByRole('banner').getByRole('link', { name: 'Lucía Fernández' }).waitFor();
    assert.equal(await meStatus(page), 200);

    // The settings show when it was last used; renaming is announced.
    await page.goto(`${baseUrl}/settings/security`);
    await page.getByText(/Last used/).waitFor();
    await page.getByRole('button', { name: 'Rename Laptop passkey' }).click();
    await page.getByLabel('New name').fill('Work laptop');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await page.getByRole('status').filter({ hasText: 'Renamed to Work laptop.' }).waitFor();

    // New recovery codes (after a confirmation), then the key is removed.
    await page.getByRole('button', { name: 'Make new recovery codes' }).click();
    await page.getByRole('button', { name: 'Make new codes' }).click();
    await page.getByRole('status').filter({ hasText: 'New recovery codes made.' }).waitFor();
    await page.getByRole('heading', { name: 'Your new recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'Remove Work laptop' }).click();
    await page.getByText('Remove Work laptop? It will no longer sign you in.').waitFor();
    await page.getByRole('button', { name: 'Remove it' }).click();
    await page.getByRole('status').filter({ hasText: 'Work laptop removed.' }).waitFor();
    await page.getByText('You have no security key or passkey yet.').waitFor();
    await page.getByText('Recovery codes come with your first second factor.').waitFor();
    session.assertClean();
  });
});
