/** The membership directory: hubs, member cities, filters and "load more", against the real server. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const cityNames = (page: Page) => page.locator('.city-list .city-card__name').allTextContents();

const DEMO_HUBS = [
  'East and Southern Africa',
  'Europe',
  'Middle East and North Africa',
  'North America',
  'South Asia',
];

describe('directory home (/)', () => {
  it('lists the hubs and the member cities, and never the applicant Denver', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);

    await page.getByRole('heading', { level: 1, name: 'Member cities' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();
    const names = await cityNames(page);
    for (const name of ['Nairobi', 'Amman', 'Lyon', 'Montréal', 'Catalonia']) {
      assert.ok(names.includes(name), `${name} is listed (got ${names.join(', ')})`);
    }
    assert.ok(!names.includes('Denver'), 'the applicant Denver is not listed');
    assert.equal(await page.getByText('Denver').count(), 0);

    const hubs = page.getByRole('region', { name: 'Regional hubs' }).getByRole('link');
    // The demo's five hubs, in alphabetical order (the admins' console suite may have added one since:
    // the browser suites share one server).
    const listed = await hubs.allTextContents();
    assert.deepEqual(
      listed.filter((name) => DEMO_HUBS.includes(name)),
      DEMO_HUBS,
    );
    assert.deepEqual(
      listed,
      [...listed].sort((a, b) => a.localeCompare(b, 'en')),
      'by name',
    );
    // Country names come from Intl.DisplayNames, not codes.
    const nairobi = page.locator('.city-card', { hasText: 'Nairobi' });
    assert.match((await nairobi.textContent()) ?? '', /Capital · Kenya/);
    assert.match((await nairobi.textContent()) ?? '', /Steering Committee member/);
    assert.equal(await page.title(), 'Member directory – Concordia');

    await session.screenshot('directory-en');
    session.assertClean();
  });

  it('narrows the list to one hub with the filter form, and back with "Clear filters"', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();

    await page.getByLabel('Regional hub', { exact: true }).selectOption({ label: 'Europe' });
    await page.getByRole('button', { name: 'Show cities' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 2.' }).waitFor();
    assert.deepEqual(await cityNames(page), ['Catalonia', 'Lyon']);
    assert.equal(new URL(page.url()).search, '?hub=europe');
    assert.equal(await page.getByRole('link', { name: 'Europe' }).getAttribute('aria-current'), 'true');

    await page.getByLabel('Kind of authority').selectOption({ label: 'Region' });
    await page.getByRole('button', { name: 'Show cities' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 1.' }).waitFor();
    assert.deepEqual(await cityNames(page), ['Catalonia']);

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();
    assert.equal(await page.getByLabel('Regional hub', { exact: true }).inputValue(), '');

    // The browser's back button restores the previous filters, in the list and in the form.
    await page.goBack();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 1.' }).waitFor();
    assert.equal(await page.getByLabel('Regional hub', { exact: true }).inputValue(), 'europe');
    session.assertClean();
  });

  it('filters by country and by a hub link', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/?country=KE`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 2.' }).waitFor();
    assert.deepEqual(await cityNames(page), ['Mombasa County', 'Nairobi']);
    assert.equal(await page.getByLabel('Country').inputValue(), 'KE');

    await page.getByRole('link', { name: 'Middle East and North Africa' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 2.' }).waitFor();
    assert.deepEqual(await cityNames(page), ['Amman', 'Sousse']);
    session.assertClean();
  });

  it('loads more cities with the cursor, announces it and moves focus to the first new city', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/?limit=4`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Member cities shown: 4. More can be loaded.' })
      .waitFor();
    const first = await cityNames(page);

    await page.getByRole('button', { name: 'Show more cities' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Member cities shown: 8. More can be loaded.' })
      .waitFor();
    const second = await cityNames(page);
    assert.deepEqual(second.slice(0, 4), first, 'the first page stays in place');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    assert.equal(focused, second[4], 'focus is on the first city of the new page');

    await page.getByRole('button', { name: 'Show more cities' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Show more cities' }).count(), 0);
    const all = await cityNames(page);
    assert.equal(new Set(all).size, 9, 'no city twice');
    assert.deepEqual(
      all,
      [...all].sort((a, b) => a.localeCompare(b)),
      'sorted by name',
    );
    session.assertClean();
  });
});
