/**
 * The identity-provider page's SAML trust settings, in the browser: our own certificates (signing and
 * encryption, and the next one during a rollover, which the admin publishes and then makes current,
 * after a confirmation, from the page), and the SHA-1 setting with its warning. Accessible in English
 * and Arabic.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

/** POSTs to our API from inside the page (with its session and CSRF token); returns the status. */
function post(page: Page, path: string, method = 'POST', body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, method, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.status;
    },
    { path, method, body },
  );
}

describe("an identity provider's SAML trust settings (admin)", () => {
  it('shows our certificates, rolls a key over from the page, and shows the SHA-1 warning', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInFromChooser(page, baseUrl, DEMO_PEOPLE.admin.name, '/');
    await page.goto(`${baseUrl}/admin/identity-providers/demo-amman`);
    const ours = page.getByRole('region', { name: 'Our certificates (in our metadata)' });
    await ours.getByText('Signing (current)').waitFor();
    await ours.getByText('Encryption (current)').waitFor();
    const fingerprints = async () => (await ours.locator('.admin-fingerprint').allTextContents()).sort();
    const before = await fingerprints();
    assert.equal(before.length, 2, 'one current key of each use');
    await ours.getByRole('button', { name: 'Publish a next encryption key' }).click();
    await page.getByRole('status').getByText('A next encryption key is published in our metadata.').waitFor();
    await ours.getByText('Encryption (next: published ahead of the change)').waitFor();
    await ours.getByRole('button', { name: 'Make the next encryption key current…' }).waitFor();
    await ours.getByRole('button', { name: 'Publish a next signing key' }).waitFor();

    const legacy = page.getByRole('region', { name: 'Legacy signatures (SHA-1)' });
    const allow = legacy.getByRole('checkbox', { name: 'Accept SHA-1 signatures from this provider' });
    assert.equal(await allow.isChecked(), false);
    assert.equal(await page.getByText(/may sign with SHA-1/).count(), 0);
    await allow.check();
    await page.getByRole('status').getByText('The signature setting is saved.').waitFor();
    await page
      .getByRole('note')
      .getByText(/may sign with SHA-1, which is no longer safe/)
      .waitFor();
    await assertAccessible(page, 'identity provider with SHA-1 allowed (en)');
    await session.screenshot('admin-idp-sha1-en');

    await page.evaluate(() => localStorage.setItem('concordia.language', 'ar'));
    await page.reload();
    await page.getByRole('note').getByText(/SHA-1/).waitFor();
    await page.getByText('التشفير (التالي: منشور قبل التغيير)').waitFor();
    await assertAccessible(page, 'identity provider with SHA-1 allowed (ar)');

    // The next key made current, in Arabic, after a confirmation: the old encryption key is retired.
    const oursAr = page.getByRole('region', { name: 'شهاداتنا (في بياناتنا الوصفية)' });
    await oursAr.getByRole('button', { name: 'جعل مفتاح التشفير التالي حاليًا…' }).click();
    await oursAr
      .getByRole('group')
      .getByText(/يُسحب المفتاح الحالي فورًا/)
      .waitFor();
    await assertAccessible(page, 'key rollover confirmation (ar)');
    await oursAr.getByRole('button', { name: 'اجعله حاليًا' }).click();
    await page.getByRole('status').getByText('أصبح مفتاح التشفير التالي هو الحالي، وسُحب القديم.').waitFor();
    await oursAr.getByRole('button', { name: 'نشر مفتاح التشفير تالٍ' }).waitFor();
    const after = (await oursAr.locator('.admin-fingerprint').allTextContents()).sort();
    assert.equal(after.length, 2, 'again one current key of each use');
    assert.notDeepEqual(after, before, 'the encryption key changed');

    // Back as it was, for the other tests.
    assert.equal(
      await post(page, '/api/v1/identity-providers/demo-amman', 'PATCH', { allowSha1: false }),
      200,
    );
    session.assertClean();
  });
});
