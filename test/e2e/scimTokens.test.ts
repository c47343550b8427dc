/**
 * SCIM tokens in the admins' console: on a city identity provider's page, an admin sees the SCIM base
 * URL, creates a token that is shown once (with a copy button), the token works against /scim/v2, and
 * after a reload only its prefix remains; revoking it stops it.
 */
import assert from 'node:assert/strict';
import { signInFromChooser, DEMO_PEOPLE } from './support/devSignIn.js';
import { assertAccessible } from './support/axe.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

describe('SCIM tokens in the console', () => {
  it('creates a token that is shown once, works, and can be revoked', async function () {
    this.timeout(120_000);
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInFromChooser(page, baseUrl, DEMO_PEOPLE.admin.name, '/admin/identity-providers');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.locator('main a[href^="/admin/identity-providers/"]:not([href$="/new"])').first().click();
    const section = page.getByRole('region', { name: 'Provisioning (SCIM)' });
    await section.waitFor();
    const baseUrlText = await section.getByTestId('scim-base-url').textContent();
    assert.equal(baseUrlText, `${baseUrl}/scim/v2`);

    await section.getByRole('button', { name: 'Create token' }).click();
    await section.getByText('it is shown only once').waitFor();
    const token = await section.getByLabel('New token').inputValue();
    assert.match(token, /^scim_[A-Za-z0-9_-]{43}$/);
    await section.getByRole('button', { name: 'Copy' }).waitFor();
    await assertAccessible(page, 'identity provider page with a new SCIM token (en)');

    const works = await fetch(`${baseUrl}/scim/v2/ServiceProviderConfig`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(works.status, 200);

    // Shown once: after a reload only the prefix is left.
    await page.reload();
    await section.waitFor();
    await section.getByText(`${token.slice(0, 12)}…`).waitFor();
    assert.equal(await section.getByLabel('New token').count(), 0);
    assert.ok(!(await page.content()).includes(token.slice(12)), 'the secret is nowhere on the page');

    await section.getByRole('button', { name: `Revoke token ${token.slice(0, 12)}` }).click();
    await section.getByRole('status').getByText('Token revoked.').waitFor();
    const refused = await fetch(`${baseUrl}/scim/v2/Users`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.equal(refused.status, 401);
    session.assertClean();
  });
});
