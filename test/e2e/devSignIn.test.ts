/**
 * The development chooser of /sign-in against the real server with its demo data: a mayor (through
 * their own city's development identity provider and the real SAML round trip), a moderator and an
 * admin (no city provider: signed in directly) sign in with no second factor, in English and in
 * Arabic (right to left); the chooser passes axe-core at 1280 and 390 px wide.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

interface Me {
  person: { name: string };
  city: { slug: string } | null;
  roles: string[];
}

/** GET /api/v1/me from inside the page (with its cookies). */
function me(page: Page): Promise<Me> {
  return page.evaluate(async () => (await (await fetch('/api/v1/me')).json()) as Me);
}

/** Nothing on the page asks for a second factor. */
async function assertNoSecondStep(page: Page): Promise<void> {
  assert.equal(await page.getByLabel(/Six-digit code|رمز من ستة أرقام/).count(), 0);
}

describe('the development sign-in chooser (/sign-in)', () => {
  it('signs in as a mayor, a moderator and an admin, each in their role, with no second factor', async () => {
    const { baseUrl, browser } = e2e();
    const cases = [
      { who: DEMO_PEOPLE.mayorOfAmman, returnTo: '/rooms', city: 'amman', role: 'leader', keyboard: true },
      { who: DEMO_PEOPLE.moderator, returnTo: '/', city: null, role: 'moderator', keyboard: false },
      { who: DEMO_PEOPLE.admin, returnTo: '/', city: null, role: 'admin', keyboard: false },
    ];
    for (const c of cases) {
      const session = await openSession(browser);
      const { page } = session;
      await page.goto(`${baseUrl}/sign-in`);
      const chooser = page.getByRole('region', { name: 'Development: sign in as a demo person' });
      await chooser.waitFor();
      // Each person's roles and city are told beside their button.
      const button = chooser.getByRole('button', { name: c.who.name, exact: true });
      const details = await button.getAttribute('aria-describedby');
      assert.ok(details, 'the button is described by the person’s roles and place');
      await signInFromChooser(page, baseUrl, c.who.name, c.returnTo, { keyboard: c.keyboard });
      await assertNoSecondStep(page);
      const signedIn = await me(page);
      assert.equal(signedIn.person.name, c.who.name);
      assert.equal(signedIn.city?.slug ?? null, c.city);
      assert.ok(signedIn.roles.includes(c.role), `${c.who.name} is ${c.role}: ${signedIn.roles.join(', ')}`);
      await session.screenshot(`dev-sign-in-${c.role}-en`);
      session.assertClean();
    }
  });

  it('is translated and right to left in Arabic, and signs in a mayor, a moderator and an admin', async () => {
    const { baseUrl, browser } = e2e();
    for (const who of [DEMO_PEOPLE.mayorOfMontreal, DEMO_PEOPLE.moderator, DEMO_PEOPLE.admin]) {
      const session = await openSession(browser, { locale: 'ar' });
      const { page } = session;
      await page.goto(`${baseUrl}/sign-in`);
      const chooser = page.getByRole('region', { name: 'التطوير: تسجيل الدخول بصفة شخص تجريبي' });
      await chooser.waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      await chooser.getByText('مسؤول النظام', { exact: false }).first().waitFor();
      await chooser.getByText('رئيس بلدية أو قائد محلي', { exact: false }).first().waitFor();
      await signInFromChooser(page, baseUrl, who.name, '/');
      await page.getByRole('banner').getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
      await assertNoSecondStep(page);
      assert.equal((await me(page)).person.name, who.name);
      await session.screenshot(`dev-sign-in-${who.name.split(' ')[0]!.toLowerCase()}-ar`);
      session.assertClean();
    }
  });

  it('passes axe-core at 1280 and 390 px wide, in English and Arabic', async () => {
    const { baseUrl, browser } = e2e();
    for (const locale of ['en-GB', 'ar']) {
      for (const width of [1280, 390]) {
        const session = await openSession(browser, { locale, viewport: { width, height: 900 } });
        const { page } = session;
        await page.goto(`${baseUrl}/sign-in`);
        await page.locator('.dev-chooser').waitFor();
        await page.getByRole('button', { name: DEMO_PEOPLE.admin.name, exact: true }).waitFor();
        await assertAccessible(page, `sign-in chooser, ${locale}, ${width} px`);
        // Nothing runs off the side of a phone.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        assert.ok(overflow <= 0, `${overflow} px wider than the screen at ${width} px (${locale})`);
        await session.screenshot(`dev-sign-in-chooser-${locale}-${width}`);
        session.assertClean();
      }
    }
  });
});
