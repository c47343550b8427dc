/**
 * Forum controls follow the server's `abilities` on each topic and reply (issue #11): a member sees
 * edit, relabel and delete on their own reply only, and uses them; a hub coordinator with no global
 * moderator role sees quarantine on another member's reply and uses it (the reply leaves every open
 * page); on a locked topic a member has no reply form while the hub's coordinator still replies; a
 * member deletes their own topic and is told so, with the way back to its category.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  HUB_FORUM,
  WANJIRU,
  api,
  makeHubCoordinator,
  setUpForums,
  signInThroughNairobi,
  tokenFor,
} from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const MEMBER = { name: 'Achieng Njoroge', email: 'achieng.njoroge@nairobi.demo.concordia.example' };
const OTHER = { name: 'Kipchoge Mutai', email: 'kipchoge.mutai@nairobi.demo.concordia.example' };
const COORDINATOR = { name: 'Neema Wekesa', email: 'neema.wekesa@nairobi.demo.concordia.example' };
const TITLE = 'Who may do what in this topic';

/** The reply holding `text` on `page`. */
const reply = (page: Page, text: string) => page.locator('.reply-list article', { hasText: text });

/** Posts a reply through the reply form and waits until it is shown. */
async function postReply(page: Page, text: string): Promise<void> {
  await page.getByLabel('Your reply').fill(text);
  await page.getByRole('button', { name: 'Post the reply' }).click();
  await reply(page, text).waitFor();
}

/** The names of the action buttons of `item` (an article), in order. */
async function actions(item: ReturnType<Page['locator']>): Promise<string[]> {
  return (await item.locator('.post__actions button').allTextContents()).map((text) => text.trim());
}

describe('forum controls follow the abilities the server sends', () => {
  let topicPath = '';
  let topicId = '';

  before(async function () {
    this.timeout(120_000);
    const server = e2e();
    await setUpForums(server);
    const token = await tokenFor(server, WANJIRU.email);
    const topic = await api<{ id: string; abilities: Record<string, boolean> }>(
      server,
      token,
      'POST',
      `/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`,
      { title: TITLE, body: 'Say how your ward handled it.' },
    );
    assert.equal(topic.status, 201, JSON.stringify(topic.body));
    assert.equal(topic.body.abilities.reply, true);
    topicId = topic.body.id;
    topicPath = `/forums/topics/${topicId}`;
  });

  it('shows a member edit and delete on their own reply and not on someone else’s, and deletes it', async () => {
    const { baseUrl, browser } = e2e();
    const [member, other] = await Promise.all([openSession(browser), openSession(browser)]);
    await signInThroughNairobi(other.page, baseUrl, topicPath, OTHER);
    await postReply(other.page, 'Ward 7 held two listening sessions.');
    await signInThroughNairobi(member.page, baseUrl, topicPath, MEMBER);
    const page = member.page;
    await postReply(page, 'Ward 2 kept a shared calendar.');
    await postReply(page, 'A line I will take back.');

    // By id: while the edit form is open, the article no longer shows the text.
    const own = page.locator(`#${await reply(page, 'Ward 2 kept a shared calendar.').getAttribute('id')}`);
    const theirs = reply(page, 'Ward 7 held two listening sessions.');
    await theirs.waitFor();
    // The author's moderation history comes with the moderation strings, loaded beside the page.
    await own.getByRole('button', { name: 'Moderation history' }).waitFor();
    assert.deepEqual(
      await actions(own),
      ['Edit', 'Moderation history', 'Change label', 'Delete'],
      'no flag on one’s own reply',
    );
    assert.deepEqual(await actions(theirs), ['Flag'], 'only flag on someone else’s reply');
    const topic = page.locator('article.post--topic');
    assert.deepEqual(await actions(topic), ['Flag'], 'only flag on a topic someone else started');

    // Own reply: edit works, then delete from the keyboard (focus moves into the confirmation).
    await own.getByRole('button', { name: 'Edit', exact: true }).click();
    await own.getByLabel('Text').fill('Ward 2 kept a shared calendar for every meeting.');
    await own.getByRole('button', { name: 'Save the changes' }).click();
    await own.locator('.post__body', { hasText: 'for every meeting.' }).waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Edit',
      'focus returns to the Edit button after saving',
    );

    // Own reply: its label may move either way, never below the topic's nor above the ceiling.
    await own.getByRole('button', { name: 'Change label', exact: true }).click();
    await own.getByText('You may raise or lower this label.').waitFor();
    const labels = own.getByRole('group', { name: 'Sharing label' });
    assert.equal(await labels.getByRole('radio', { name: /TLP:CLEAR/ }).isDisabled(), true);
    assert.equal(await labels.getByRole('radio', { name: /TLP:RED/ }).isDisabled(), true);
    await labels.getByRole('radio', { name: /TLP:AMBER \(/ }).check();
    await own.getByLabel('Reason for the change').fill('It names a ward office');
    await own.getByRole('button', { name: 'Apply the new label' }).click();
    await page.getByRole('status').filter({ hasText: 'The label is now TLP:AMBER.' }).waitFor();
    await own.locator('.post__meta').getByText('TLP:AMBER').waitFor();

    const doomed = reply(page, 'A line I will take back.');
    const deleteButton = doomed.getByRole('button', { name: 'Delete', exact: true });
    await deleteButton.focus();
    await page.keyboard.press('Enter');
    await doomed.getByText('Delete this reply? This cannot be undone.').waitFor();
    assert.equal(await deleteButton.getAttribute('aria-expanded'), 'true');
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Delete for good',
      'focus moves to the confirmation',
    );
    assert.equal(
      await doomed.getByLabel(/Why delete someone else/).count(),
      0,
      'no reason asked for one’s own',
    );
    await page.keyboard.press('Escape');
    assert.equal(await deleteButton.getAttribute('aria-expanded'), 'false', 'Escape closes the form');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Delete');
    await page.keyboard.press('Enter');
    await doomed.getByRole('button', { name: 'Delete for good' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Delete for good');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'The reply was deleted.' }).waitFor();
    await doomed.waitFor({ state: 'detached' });
    await reply(other.page, 'A line I will take back.').waitFor({ state: 'detached', timeout: 10_000 });
    await member.screenshot('forum-abilities-own-reply-en');
    member.assertClean();
    other.assertClean();
  });

  it('lets a hub coordinator with no moderator role quarantine another member’s reply', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const [coordinator, author] = await Promise.all([openSession(browser), openSession(browser)]);
    await signInThroughNairobi(coordinator.page, baseUrl, '/forums', COORDINATOR);
    const restore = await makeHubCoordinator({ baseUrl, dataDir }, coordinator.page);
    try {
      const roles = await coordinator.page.evaluate(
        async () => ((await (await fetch('/api/v1/me')).json()) as { roles: string[] }).roles,
      );
      assert.ok(!roles.includes('moderator') && !roles.includes('admin'), `no global role: ${roles.join()}`);

      await signInThroughNairobi(author.page, baseUrl, topicPath, OTHER);
      await postReply(author.page, 'The names of the families who came.');
      const mine = reply(author.page, 'The names of the families who came.');
      assert.equal(await mine.getByRole('button', { name: 'Quarantine' }).count(), 0, 'members do not');

      const page = coordinator.page;
      await page.goto(`${baseUrl}${topicPath}`);
      const seen = reply(page, 'The names of the families who came.');
      await seen.waitFor();
      assert.deepEqual(
        await actions(seen),
        ['Change label', 'Delete', 'Quarantine', 'Flag'],
        'a moderator’s controls, and no edit of someone else’s words',
      );
      await seen.getByRole('button', { name: 'Quarantine', exact: true }).click();
      assert.equal(
        await page.evaluate(() => document.activeElement?.tagName),
        'INPUT',
        'focus in the reason',
      );
      await seen.getByRole('button', { name: 'Quarantine now' }).click();
      await seen.getByRole('alert').getByText('Give a reason for the quarantine.').waitFor();
      await seen.getByLabel('Why quarantine it?').fill('Names of residents');
      await seen.getByRole('button', { name: 'Quarantine now' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'The reply was quarantined: it is hidden for everyone' })
        .waitFor();
      await seen.waitFor({ state: 'detached' });
      // The author's open page loses it too, without a reload.
      await mine.waitFor({ state: 'detached', timeout: 10_000 });
      await coordinator.screenshot('forum-abilities-coordinator-quarantined-en');
    } finally {
      await restore();
    }
    coordinator.assertClean();
    author.assertClean();
  });

  it('hides the reply form from a member on a locked topic while the hub’s coordinator still replies', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const [coordinator, member] = await Promise.all([openSession(browser), openSession(browser)]);
    await signInThroughNairobi(coordinator.page, baseUrl, '/forums', COORDINATOR);
    const restore = await makeHubCoordinator({ baseUrl, dataDir }, coordinator.page);
    try {
      const token = await tokenFor({ baseUrl, dataDir }, 'admin@demo.concordia.example');
      const locked = await api({ baseUrl, dataDir }, token, 'PUT', `/forum/topics/${topicId}/lock`);
      assert.equal(locked.status, 200, JSON.stringify(locked.body));

      await signInThroughNairobi(member.page, baseUrl, topicPath, MEMBER);
      await member.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await member.page
        .getByRole('note')
        .getByText('This topic is locked: no new replies can be posted.')
        .waitFor();
      assert.equal(await member.page.getByLabel('Your reply').count(), 0, 'no reply form for the member');
      assert.equal(await member.page.getByRole('region', { name: 'Moderation' }).count(), 0);
      await member.screenshot('forum-abilities-locked-member-en');

      const page = coordinator.page;
      await page.goto(`${baseUrl}${topicPath}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page
        .getByRole('region', { name: 'Moderation' })
        .getByRole('button', { name: 'Unlock' })
        .waitFor();
      assert.equal(await page.getByText('This topic is locked: no new replies can be posted.').count(), 0);
      await postReply(page, 'Closing note from the hub coordinator.');
      // The member's open page receives the coordinator's reply, and still has no form.
      await reply(member.page, 'Closing note from the hub coordinator.').waitFor({ timeout: 10_000 });
      assert.equal(await member.page.getByLabel('Your reply').count(), 0);
    } finally {
      await restore();
      const token = await tokenFor({ baseUrl, dataDir }, 'admin@demo.concordia.example');
      await api({ baseUrl, dataDir }, token, 'DELETE', `/forum/topics/${topicId}/lock`);
    }
    coordinator.assertClean();
    member.assertClean();
  });
  it('lets a member delete their own topic, and says so with the way back to its category', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const token = await tokenFor({ baseUrl, dataDir }, MEMBER.email);
    const created = await api<{ id: string }>(
      { baseUrl, dataDir },
      token,
      'POST',
      `/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`,
      { title: 'Posted in the wrong category', body: 'Sorry, this belongs elsewhere.' },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const session = await openSession(browser);
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, `/forums/topics/${created.body.id}`, MEMBER);
    const topic = page.locator('article.post--topic');
    await topic.getByText('Sorry, this belongs elsewhere.').waitFor();
    await topic.getByRole('button', { name: 'Moderation history' }).waitFor();
    assert.deepEqual(await actions(topic), ['Edit', 'Moderation history', 'Change label', 'Delete']);
    await topic.getByRole('button', { name: 'Delete', exact: true }).click();
    await topic.getByText('Delete this topic and all its replies? This cannot be undone.').waitFor();
    await topic.getByRole('button', { name: 'Delete for good' }).click();
    const heading = page.getByRole('heading', { level: 1, name: 'The topic was deleted' });
    await heading.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1', 'focus on the outcome');
    await page.getByRole('link', { name: 'Practice exchange' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Practice exchange' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Posted in the wrong category' }).count(), 0);
    session.assertClean();
  });
});
