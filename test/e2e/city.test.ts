/** A city's page, reached by address and by following the directory, and the not-found pages. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const fact = (page: Page, term: string) =>
  page.locator('.facts > div', { has: page.locator('dt', { hasText: term }) }).locator('dd');

describe('city page (/cities/:slug)', () => {
  it("shows a member city's details: kind, country, hub, membership, pledge and ISC seat", async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/cities/nairobi`);
    await page.getByRole('heading', { level: 1, name: 'Nairobi' }).waitFor();
    assert.equal(await page.title(), 'Nairobi – Concordia');
    assert.equal(await fact(page, 'Kind of authority').textContent(), 'Capital');
    assert.equal(await fact(page, 'Country').textContent(), 'Kenya');
    await fact(page, 'Regional hub').getByRole('link', { name: 'East and Southern Africa' }).waitFor();
    assert.equal(await fact(page, 'Membership').textContent(), 'Member');

    const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date());
    assert.equal(await fact(page, 'Member since').textContent(), today);
    // Inserted values are wrapped in Unicode isolates (U+2066..U+2069) so they keep their direction.
    assert.equal(
      (await fact(page, 'Pledge of the principles').textContent())?.replace(/[\u2066-\u2069]/g, ''),
      `Version 2026-1, pledged on ${today}`,
    );
    assert.ok(
      !(await page.content()).includes('Office of the Governor'),
      'who signed is not shown to visitors',
    );
    assert.equal(
      await fact(page, 'International Steering Committee').textContent(),
      'Holds a seat on the committee',
    );
    await session.screenshot('city-en');
    session.assertClean();
  });

  it('is reached from the directory, with focus moved to the main content', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Lyon' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lyon' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/cities/lyon');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.equal(
      await fact(page, 'International Steering Committee').textContent(),
      'No seat on the committee',
    );
    assert.equal(await fact(page, 'Country').textContent(), 'France');

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Member cities' }).waitFor();
    session.assertClean();
  });

  it('shows the city in Arabic, right to left', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar' });
    const { page } = session;
    await page.goto(`${baseUrl}/cities/amman`);
    await page.getByRole('heading', { level: 1, name: 'Amman' }).waitFor();
    assert.equal(await fact(page, 'البلد').textContent(), 'الأردن');
    assert.equal(await fact(page, 'اللجنة التوجيهية الدولية').textContent(), 'تشغل مقعدًا في اللجنة');
    await fact(page, 'المركز الإقليمي').getByRole('link', { name: 'الشرق الأوسط وشمال أفريقيا' }).waitFor();
    await session.screenshot('city-ar');
    session.assertClean();
  });

  it('says an applicant or unknown city is not in the directory', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/cities/denver`);
    await page.getByRole('heading', { level: 1, name: 'City not found' }).waitFor();
    assert.equal(await page.getByText('Denver').count(), 0);
    assert.equal(await page.title(), 'City not found – Concordia');
    session.assertClean([{ status: 404, path: '/api/v1/cities/denver' }]);
  });
});

describe('not-found page', () => {
  it('answers unknown client routes with a heading and a way home', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/no/such/page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.title(), 'Page not found – Concordia');
    await session.screenshot('not-found-en');
    await page.getByRole('link', { name: 'Go to the member directory' }).click();
    await page.getByRole('heading', { level: 1, name: 'Member cities' }).waitFor();
    session.assertClean();
  });
});
