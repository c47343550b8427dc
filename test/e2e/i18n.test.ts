/** Interface languages: the switcher, right-to-left Arabic, the browser's default and persistence. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const htmlAttributes = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

describe('languages', () => {
  it('switches to Arabic: right to left, translated, remembered after a reload', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'en', dir: 'ltr' });

    await page.getByLabel('Language').selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'المدن الأعضاء' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(await page.title(), 'دليل الأعضاء – Concordia');
    await page.getByRole('link', { name: 'الشرق الأوسط وشمال أفريقيا' }).waitFor();
    const amman = (await page.locator('.city-card', { hasText: 'Amman' }).textContent()) ?? '';
    assert.match(amman, /عاصمة/, 'the kind is translated');
    assert.match(amman, /الأردن/, 'the country name comes from Intl.DisplayNames in Arabic');
    // The layout mirrors: the main navigation sits to the left of the brand in right-to-left.
    const brand = await page.locator('.brand').boundingBox();
    const nav = await page.getByRole('navigation').boundingBox();
    assert.ok(brand && nav && nav.x < brand.x, 'navigation is laid out right to left');
    await session.screenshot('directory-ar');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'المدن الأعضاء' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(await page.getByLabel('اللغة').inputValue(), 'ar');

    await page.getByLabel('اللغة').selectOption('es');
    await page.getByRole('heading', { level: 1, name: 'Ciudades miembro' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'es', dir: 'ltr' });
    session.assertClean();
  });

  it("starts in the browser's language when none was chosen", async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'fr-CA' });
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Villes membres' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'fr', dir: 'ltr' });
    await page
      .getByRole('link', { name: 'Afrique de l’Est et australe' })
      .or(page.getByRole('link', { name: "Afrique de l'Est et australe" }))
      .waitFor();
    assert.equal(await page.getByLabel('Langue').inputValue(), 'fr');
    session.assertClean();
  });

  it('falls back to English for a browser language the interface does not ship', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'sw-KE' });
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Member cities' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'en', dir: 'ltr' });
    session.assertClean();
  });

  it('shows the application form and the principles in Arabic', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar-JO' });
    const { page } = session;
    await page.goto(`${baseUrl}/apply`);
    await page.getByRole('heading', { level: 1, name: 'طلب العضوية' }).waitFor();
    assert.deepEqual(await htmlAttributes(page), { lang: 'ar', dir: 'rtl' });
    assert.equal(await page.locator('.principles li').count(), 7);
    assert.match((await page.locator('.principles li').first().textContent()) ?? '', /حقوق الإنسان/);
    await page.getByLabel('أتعهّد بهذه المبادئ باسم مدينتي').waitFor();
    await session.screenshot('apply-ar');
    session.assertClean();
  });
});
