/**
 * A plain post (not a forum topic) in the browser: a search result opens its own page (/posts/:id)
 * with the title, the text shown as text, the TLP label with its meaning, the space and the author;
 * a post the reader may not read, or none at all, is "not available" and nothing more.
 */
import assert from 'node:assert/strict';
import { HUB_FORUM, WANJIRU, api, setUpForums, signInThroughNairobi, tokenFor } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

describe('post page (/posts/:id)', () => {
  let postId = '';

  before(async function () {
    this.timeout(120_000);
    const server = e2e();
    await setUpForums(server);
    const token = await tokenFor(server, WANJIRU.email);
    const created = await api<{ id: string }>(server, token, 'POST', `/spaces/${HUB_FORUM.slug}/posts`, {
      title: 'Zanzibar mediation checklist',
      body: 'Steps our mediators follow in Zanzibar.\nSecond line <b>not bold</b>.',
      label: 'AMBER',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    postId = created.body.id;
  });

  it('opens from a search result with its label, meaning, space and author', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/search?q=zanzibar', WANJIRU);
    const result = page.locator('.search-result', { hasText: 'Zanzibar mediation checklist' });
    await result.getByRole('link', { name: 'Zanzibar mediation checklist' }).click();
    await page.waitForURL(`${baseUrl}/posts/${postId}`);
    await page.getByRole('heading', { level: 1, name: 'Zanzibar mediation checklist' }).waitFor();
    const post = page.getByRole('article', { name: 'Zanzibar mediation checklist' });
    await post.getByText('TLP:AMBER').waitFor();
    await post.getByText("need to know: recipients' own city and its local partners").first().waitFor();
    await post.getByText(`Shared in: ${HUB_FORUM.name}`).waitFor();
    await post.getByText(`By ${WANJIRU.name}`).waitFor();
    const body = post.locator('.post__body');
    assert.match((await body.textContent()) ?? '', /Second line <b>not bold<\/b>\./);
    assert.equal(await body.locator('b').count(), 0, 'markup in the text is not rendered');
    assert.equal(await page.title(), 'Zanzibar mediation checklist – Concordia');
    await session.screenshot('post-page-en');
    session.assertClean();
  });

  it('says only "not available" to a visitor, and for a post that does not exist', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/posts/${postId}`);
    await page.getByRole('heading', { level: 1, name: 'Post not available' }).waitFor();
    await page.getByText('This post was not found, or it is not available to you.').waitFor();
    assert.equal(await page.getByText('Zanzibar').count(), 0, 'nothing of the post is shown');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).waitFor();

    const missing = '0123456789abcdef01234567';
    await page.goto(`${baseUrl}/posts/${missing}`);
    await page.getByRole('heading', { level: 1, name: 'Post not available' }).waitFor();
    session.assertClean([
      { status: 404, path: `/api/v1/posts/${postId}` },
      { status: 404, path: `/api/v1/posts/${missing}` },
    ]);
  });

  it('lays the page out right to left in Arabic', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar' });
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, `/posts/${postId}`, WANJIRU);
    await page.getByRole('heading', { level: 1, name: 'Zanzibar mediation checklist' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.getByText('نُشر في:').waitFor();
    session.assertClean();
  });
});
