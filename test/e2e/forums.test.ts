/**
 * Hub forums in the browser against the real server: a member starts a topic in Markdown (a script in
 * the text stays text), labels above the forum's ceiling cannot be chosen, a second member sees a reply
 * arrive live, keyboard-only posting with a mention, a moderator pins and locks (the reply form leaves
 * members' screens), a move that onward sharing forbids is refused with the server's words, the
 * Chatham House notice, and the Arabic right-to-left layout.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  HUB_FORUM,
  NETWORK_FORUM,
  WANJIRU,
  api,
  setUpForums,
  signInThroughNairobi,
  tokenFor,
} from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const CATEGORY_PATH = `/forums/${HUB_FORUM.slug}/${HUB_FORUM.category}`;
const NEWCOMER = { name: 'Baraka Otieno', email: 'baraka.otieno@nairobi.demo.concordia.example' };
const TITLE = 'Mediation circles after the election';

/** Presses Tab until the element with `id` has focus (at most 80 presses). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 80; i += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

describe('hub forums (/forums)', () => {
  let topicPath = '';

  before(async function () {
    this.timeout(120_000);
    await setUpForums(e2e());
  });

  it('starts a topic in Markdown: the script stays text, the default label is chosen, labels above the ceiling cannot be', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/forums', WANJIRU);
    await page.getByRole('heading', { level: 1, name: 'Forums' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: HUB_FORUM.name }).click();
    await page.getByRole('heading', { level: 1, name: HUB_FORUM.name }).waitFor();
    await page.getByRole('link', { name: 'Practice exchange' }).click();
    await page.getByRole('link', { name: 'Start a new topic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a new topic' }).waitFor();

    const labels = page.getByRole('group', { name: 'Sharing label' });
    assert.equal(
      await labels.getByRole('radio', { name: /TLP:GREEN/ }).isChecked(),
      true,
      'the default label',
    );
    for (const above of ['TLP:AMBER\\+STRICT', 'TLP:RED']) {
      const radio = labels.getByRole('radio', { name: new RegExp(above) });
      assert.equal(await radio.isDisabled(), true, `${above} is above the ceiling`);
    }
    assert.equal(await labels.getByRole('radio', { name: /TLP:AMBER \(/ }).isDisabled(), false);
    await labels.getByText("(above this forum's ceiling)").first().waitFor();

    await page.getByLabel('Title').fill(TITLE);
    const body = page.getByLabel('Your message');
    await body.fill('We ran **mediation circles** in three wards.\n\n<script>window.pwned = true</script>');
    await page.getByText('HTML is not run: tags such as <script> are shown as text.').waitFor();
    await session.screenshot('forums-new-topic-en');
    await page.getByRole('button', { name: 'Post the topic' }).click();

    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    topicPath = new URL(page.url()).pathname;
    assert.match(topicPath, /^\/forums\/topics\/[a-f0-9]{24}$/);
    const post = page.locator('.post__body').first();
    await post.locator('strong', { hasText: 'mediation circles' }).waitFor();
    await post.getByText('<script>window.pwned = true</script>').waitFor();
    assert.equal(await post.locator('script').count(), 0, 'no script element in the post');
    assert.equal(await page.evaluate(() => (window as { pwned?: boolean }).pwned), undefined);
    await page.locator('.post__meta').first().getByText('TLP:GREEN').waitFor();
    session.assertClean();
  });

  it('shows a reply to a second member live, and posts a reply with a mention using the keyboard only', async () => {
    const { baseUrl, browser } = e2e();
    const author = await openSession(browser);
    const reader = await openSession(browser);
    const readerSockets: { closed: boolean }[] = [];
    reader.page.on('websocket', (ws) => {
      if (!ws.url().includes('/socket.io/')) return;
      const socket = { closed: false };
      readerSockets.push(socket);
      ws.on('close', () => {
        socket.closed = true;
      });
    });
    await signInThroughNairobi(author.page, baseUrl, topicPath, WANJIRU);
    await signInThroughNairobi(reader.page, baseUrl, topicPath, NEWCOMER);
    await reader.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await reader.page.getByText('No replies yet.').waitFor();

    await author.page.getByLabel('Your reply').fill('Ward 4 asked for a _second_ round.');
    await author.page.getByRole('button', { name: 'Post the reply' }).click();
    await author.page.locator('.reply-list em', { hasText: 'second' }).waitFor();

    // The reader did not reload: the reply arrives over the socket and is announced.
    await reader.page.locator('.reply-list em', { hasText: 'second' }).waitFor({ timeout: 10_000 });
    await reader.page.getByRole('status').filter({ hasText: 'New reply from Wanjiru Kamau.' }).waitFor();
    await reader.screenshot('forums-reply-live-en');
    assert.equal(
      readerSockets.filter((socket) => !socket.closed).length,
      1,
      'the forum page and the bell share the tab’s one Socket.IO connection',
    );

    // Keyboard only: Tab to the reply field, mention Wanjiru with the arrow keys and Enter, send with Enter.
    const page = reader.page;
    await tabTo(page, 'reply-body');
    await page.keyboard.type('Thanks @Wanj');
    await page.getByRole('option', { name: /Wanjiru Kamau/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type('we will join.');
    const typed = await page.getByLabel('Your reply').inputValue();
    assert.match(typed, /^Thanks \[@Wanjiru Kamau\]\(mention:[a-f0-9]{24}\) we will join\.$/);
    await tabTo(page, 'reply-label-green');
    await page.keyboard.press('ArrowRight'); // AMBER, the highest label this forum allows
    assert.equal(await page.getByRole('radio', { name: /TLP:AMBER \(/ }).isChecked(), true);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Attach files',
      'Tab moves from the label to the attach button',
    );
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Post the reply',
      'and on to the submit button',
    );
    await page.keyboard.press('Enter');
    const mine = page.locator('.reply-list article', { hasText: 'we will join.' });
    await mine.waitFor();
    await mine.getByRole('link', { name: '@Wanjiru Kamau' }).waitFor();
    await author.page
      .locator('.reply-list article', { hasText: 'we will join.' })
      .waitFor({ timeout: 10_000 });
    author.assertClean();
    reader.assertClean();
  });

  it('lets the author edit with the history kept, a member follow the topic and flag a reply', async () => {
    const { baseUrl, browser } = e2e();
    const author = await openSession(browser);
    const member = await openSession(browser);
    await signInThroughNairobi(author.page, baseUrl, topicPath, WANJIRU);
    const topic = author.page.locator('article.post--topic');
    await topic.getByRole('button', { name: 'Edit' }).click();
    await topic.getByLabel('Text').fill('We ran **mediation circles** in four wards.');
    await topic.getByRole('button', { name: 'Save the changes' }).click();
    await topic.locator('.post__body', { hasText: 'in four wards.' }).waitFor();
    await topic.getByText('Edited', { exact: true }).waitFor();
    await topic.getByRole('button', { name: 'Edit history' }).click();
    const history = topic.getByRole('region', { name: 'Earlier versions' });
    await history.getByText(/in three wards\./).waitFor();
    await author.screenshot('forums-edit-history-en');

    await signInThroughNairobi(member.page, baseUrl, topicPath, NEWCOMER);
    const page = member.page;
    await page.locator('.post__body', { hasText: 'in four wards.' }).waitFor();
    // A member who replied follows the topic already; they can stop and start again.
    await page.getByText('You follow this topic: new replies notify you.').waitFor();
    await page.getByRole('button', { name: 'Stop following' }).click();
    await page.getByText('You do not follow this topic.').waitFor();
    await page.getByRole('button', { name: 'Follow this topic' }).click();
    await page.getByText('You follow this topic: new replies notify you.').waitFor();

    const reply = page.locator('.reply-list article', { hasText: 'second' });
    await reply.getByRole('button', { name: 'Flag' }).click();
    await reply.getByLabel('Why should moderators look at this?').selectOption('spam');
    await reply.getByRole('button', { name: 'Send the flag' }).click();
    await reply
      .getByRole('status')
      .filter({ hasText: 'Thank you. The moderators will review it.' })
      .waitFor();
    author.assertClean();
    member.assertClean();
  });

  it('takes a quarantined reply off an open page at once', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const reader = await openSession(browser);
    await signInThroughNairobi(reader.page, baseUrl, topicPath, NEWCOMER);
    const reply = reader.page.locator('.reply-list article', { hasText: 'second' });
    await reply.waitFor();
    const id = ((await reply.getAttribute('id')) ?? '').replace(/^post-/, '');
    assert.match(id, /^[a-f0-9]{24}$/);
    const token = await tokenFor({ baseUrl, dataDir }, 'admin@demo.concordia.example');
    const quarantined = await api({ baseUrl, dataDir }, token, 'POST', `/posts/${id}/quarantine`, {
      reason: 'Personal data of a resident',
    });
    assert.equal(quarantined.status, 200, JSON.stringify(quarantined.body));
    await reply.waitFor({ state: 'detached', timeout: 5_000 }); // no reload
    await reader.page.locator('.reply-list article', { hasText: 'we will join.' }).waitFor();
    reader.assertClean();
  });

  it('lets a moderator pin and lock; members lose the reply form; a move onward sharing forbids is refused', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const moderator = await openSession(browser);
    const member = await openSession(browser);
    await signInThroughNairobi(moderator.page, baseUrl, topicPath, WANJIRU);
    await signInThroughNairobi(member.page, baseUrl, topicPath, NEWCOMER);
    assert.equal(await member.page.getByRole('region', { name: 'Moderation' }).count(), 0);
    await member.page.getByLabel('Your reply').waitFor();

    const controls = moderator.page.getByRole('region', { name: 'Moderation' });
    await controls.getByRole('button', { name: 'Pin' }).click();
    await controls.getByRole('status').filter({ hasText: 'The topic is pinned.' }).waitFor();
    await controls.getByRole('button', { name: 'Lock' }).click();
    await controls.getByRole('status').filter({ hasText: 'The topic is locked.' }).waitFor();
    await controls.getByRole('button', { name: 'Unlock' }).waitFor();
    await moderator.page.getByLabel('Your reply').waitFor(); // moderators may still reply
    await moderator.screenshot('forums-moderator-en');

    // The member's open page learns of the lock over the socket: the reply form leaves without a reload.
    await member.page
      .getByText('This topic is locked: no new replies can be posted.')
      .waitFor({ timeout: 10_000 });
    assert.equal(await member.page.getByLabel('Your reply').count(), 0, 'no reply form for members');
    await member.page.goto(`${baseUrl}${CATEGORY_PATH}`);
    const first = member.page.locator('.topic-row').first();
    await first.getByRole('link', { name: TITLE }).waitFor();
    await first.getByText('Pinned', { exact: true }).waitFor();
    await first.getByText('Locked', { exact: true }).waitFor();

    // An AMBER topic may not leave for the network-wide forum: the server says why.
    const token = await tokenFor({ baseUrl, dataDir }, WANJIRU.email);
    const amber = await api<{ id: string }>(
      { baseUrl, dataDir },
      token,
      'POST',
      `/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`,
      {
        title: 'Ward-level tension map',
        body: 'Only for our city and its partners.',
        label: 'AMBER',
      },
    );
    assert.equal(amber.status, 201, JSON.stringify(amber.body));
    const page = moderator.page;
    await page.goto(`${baseUrl}/forums/topics/${amber.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Ward-level tension map' }).waitFor();
    await page.getByRole('button', { name: 'Move…' }).click();
    await page.getByLabel('Move to').selectOption(`${NETWORK_FORUM.slug}/${NETWORK_FORUM.category}`);
    await page.getByLabel('Reason for the move').fill('Wider audience');
    await page.getByRole('button', { name: 'Move the topic' }).click();
    const refusal = page.locator('#move-error');
    await refusal.waitFor();
    const refusalText = (await refusal.textContent()) ?? '';
    assert.match(refusalText, /AMBER/, `the refusal names the label: ${refusalText}`);
    await moderator.screenshot('forums-move-refused-en');
    moderator.assertClean([{ status: 403, path: `/api/v1/forum/topics/${amber.body.id}/move` }]);
    member.assertClean();
  });

  it('shows the Chatham House notice and lays the forum out right to left in Arabic', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar' });
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, `/forums/${NETWORK_FORUM.slug}`, WANJIRU);
    await page.getByRole('heading', { level: 1, name: NETWORK_FORUM.name }).waitFor();
    assert.deepEqual(
      await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir })),
      { lang: 'ar', dir: 'rtl' },
    );
    await page.getByRole('note').getByText('قاعدة تشاتام هاوس.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'الفئات' }).waitFor();
    const brand = await page.locator('.brand').boundingBox();
    const nav = await page.getByRole('navigation').boundingBox();
    assert.ok(brand && nav && nav.x < brand.x, 'the header is laid out right to left');
    await session.screenshot('forums-chatham-ar');

    await page.goto(`${baseUrl}${CATEGORY_PATH}/new`);
    await page.getByRole('heading', { level: 1, name: 'بدء موضوع جديد' }).waitFor();
    const field = await page.getByLabel('العنوان').boundingBox();
    const label = await page.locator('label[for="topic-title"]').boundingBox();
    assert.ok(
      field && label && label.x + label.width > field.x + field.width - 2,
      'labels start on the right',
    );
    await session.screenshot('forums-new-topic-ar');
    session.assertClean();
  });
});
