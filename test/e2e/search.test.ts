/**
 * Search in the browser against the real server: the header's search box, a topic found by an
 * inflected word with the match marked and markup in the text shown as text, the language filter,
 * "Show more results" by cursor without totals, the Arabic page right to left, and an expert request
 * and a library record found beside the rest, narrowed by kind and opened from their results.
 */
import assert from 'node:assert/strict';
import { HUB_FORUM, WANJIRU, api, setUpForums, signInThroughNairobi, tokenFor } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const TOPICS = `/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`;

describe('search (/search)', () => {
  before(async function () {
    this.timeout(120_000);
    const server = e2e();
    await setUpForums(server);
    const token = await tokenFor(server, WANJIRU.email);
    const topics = [
      {
        title: 'Youth football league',
        body: 'Our city trained thirty community mediators for the league. <b>Not bold</b> & fair play.',
      },
      ...Array.from({ length: 11 }, (_, i) => ({
        title: `Kilimanjaro exchange visit ${i + 1}`,
        body: 'Notes from the Kilimanjaro exchange visit of the hub.',
      })),
    ];
    for (const topic of topics) {
      const created = await api(server, token, 'POST', TOPICS, topic);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
    // An expert request (its match in its context) and a library record (in its approach).
    const others: [string, object][] = [
      [
        '/requests',
        {
          title: 'Mediators for the Serengeti district',
          problem: 'Which courses help neighbourhood mediators?',
          context: 'Tensions rose in the Serengeti district after the floods.',
          topics: ['schools'],
          formats: ['remote_advice'],
          languages: ['en'],
        },
      ],
      [
        '/library',
        {
          title: 'Listening circles after the floods',
          problem: 'Neighbours blamed each other for the damage.',
          approach: 'Monthly listening circles in the Serengeti district, led by volunteer mediators.',
          themes: ['schools'],
          language: 'en',
        },
      ],
    ];
    for (const [path, body] of others) {
      const created = await api(server, token, 'POST', path, body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }
  });

  it('finds a topic by an inflected word from the header, marks the match and keeps markup as text', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/forums', WANJIRU);
    const header = page.getByRole('banner');
    await header.getByLabel('Search', { exact: true }).fill('training');
    await header.getByLabel('Search', { exact: true }).press('Enter');
    await page.waitForURL(`${baseUrl}/search?q=training`);
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    const result = page.locator('.search-result', { hasText: 'Youth football league' });
    await result.waitFor();
    await result.locator('mark', { hasText: 'trained' }).waitFor();
    await result.getByText('Forum post').waitFor();
    await result.getByText('TLP:GREEN').waitFor();
    await result.getByText(`in ${HUB_FORUM.name}`).waitFor();
    const snippet = result.locator('.search-result__snippet');
    assert.match((await snippet.textContent()) ?? '', /<b>Not bold<\/b> & fair play/);
    assert.equal(await snippet.locator('b').count(), 0, 'markup in the text is not rendered');
    assert.equal(await page.getByLabel('Words to find').inputValue(), 'training');
    await session.screenshot('search-results-en');

    await result.getByRole('link', { name: 'Youth football league' }).click();
    await page.getByRole('heading', { level: 1, name: 'Youth football league' }).waitFor();

    // Narrowed to French, the English topic is not found.
    await page.goto(`${baseUrl}/search?q=training`);
    await page.locator('.search-result').first().waitFor();
    await page.getByLabel('Language of the text').selectOption('fr');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await page.waitForURL(`${baseUrl}/search?q=training&language=fr`);
    await page.getByRole('status').filter({ hasText: 'Nothing found.' }).waitFor();
    assert.equal(await page.locator('.search-result').count(), 0);
    session.assertClean();
  });

  it('shows more results by cursor, never a total, and lays the page out right to left in Arabic', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/search?q=kilimanjaro', WANJIRU);
    await page.getByRole('status').filter({ hasText: 'Results shown: 10. More can be loaded.' }).waitFor();
    assert.equal(await page.locator('.search-result').count(), 10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await page.getByRole('status').filter({ hasText: 'Results shown: 11.' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Show more results' }).count(), 0);

    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    await page.getByRole('heading', { level: 1, name: 'البحث' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByRole('status').filter({ hasText: 'النتائج المعروضة' }).waitFor();
    await session.screenshot('search-results-ar');
    session.assertClean();
  });

  it('finds an expert request and a library record, narrows to one kind, and opens each', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/search?q=serengeti', WANJIRU);
    const request = page.locator('.search-result', { hasText: 'Mediators for the Serengeti district' });
    const record = page.locator('.search-result', { hasText: 'Listening circles after the floods' });
    await request.locator('.tag', { hasText: 'Expert request' }).waitFor();
    await request.getByText('TLP:AMBER').waitFor();
    // The record's match is in its approach (it has no summary): the excerpt comes from there.
    await record.locator('.tag', { hasText: 'Library record' }).waitFor();
    await record.locator('.search-result__snippet mark', { hasText: 'Serengeti' }).waitFor();
    assert.equal(await page.locator('.search-result').count(), 2);

    await page.getByLabel('Kind').selectOption('request');
    await page.getByRole('button', { name: 'Search', exact: true }).last().click();
    await page.waitForURL(`${baseUrl}/search?q=serengeti&types=request`);
    await page.getByRole('status').filter({ hasText: 'Results shown: 1.' }).waitFor();
    await request.getByRole('link', { name: 'Mediators for the Serengeti district' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mediators for the Serengeti district' }).waitFor();

    await page.goto(`${baseUrl}/search?q=serengeti&types=library`);
    await record.getByRole('link', { name: 'Listening circles after the floods' }).click();
    await page.getByRole('heading', { level: 1, name: 'Listening circles after the floods' }).waitFor();
    session.assertClean();
  });
});
