/**
 * The moderators' console in the browser ("Done means"): a hub coordinator works the review queue —
 * quarantines one flagged topic, relabels another down with a justification, dismisses a third flag,
 * and the queue-wide action — and the author sees each outcome, translated, in the bell. A reader
 * flags a room message from the room. The console passes axe at 1280 and 390 px in English and Arabic.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { assertAccessible } from './support/axe.js';
import { createHubRoom } from './support/rooms.js';
import { randomUUID } from 'node:crypto';
import {
  HUB_FORUM,
  WANJIRU,
  api,
  makeHubCoordinator,
  setUpForums,
  signInThroughNairobi,
  tokenFor,
} from './support/forums.js';

const GRACE = { name: 'Grace Wambui', email: 'mayor@nairobi.demo.concordia.example' };
const SARAH = 'practitioner@kampala.demo.concordia.example';
const RUN = Date.now().toString(36);
const TOPICS = {
  quarantine: `Family addresses ${RUN}`,
  relabel: `Overclassified plan ${RUN}`,
  dismiss: `Youth festival ${RUN}`,
};

/** Opens the queue item whose card names `title` and waits for its record. */
async function review(page: Page, title: string) {
  await page.getByRole('link', { name: 'Review queue' }).click();
  const card = page.getByRole('listitem').filter({ hasText: title });
  await card.getByRole('link', { name: /Review/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Flagged item' }).waitFor();
  await page.getByText(title).first().waitFor();
}

describe('the moderators’ console (browser)', function () {
  this.timeout(180_000);
  const ids: Record<keyof typeof TOPICS, string> = { quarantine: '', relabel: '', dismiss: '' };

  before(async () => {
    const server = e2e();
    await setUpForums(server);
    const grace = await tokenFor(server, GRACE.email);
    const sarah = await tokenFor(server, SARAH);
    for (const [key, title] of Object.entries(TOPICS) as [keyof typeof TOPICS, string][]) {
      const created = await api<{ id: string }>(
        server,
        grace,
        'POST',
        `/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`,
        { title, body: `${title}: details.`, label: key === 'relabel' ? 'AMBER' : 'GREEN' },
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids[key] = created.body.id;
      const flagged = await api(server, sarah, 'POST', `/posts/${created.body.id}/flags`, {
        reason: key === 'quarantine' ? 'personal_data' : 'wrong_space_or_sensitive',
      });
      assert.equal(flagged.status, 202, JSON.stringify(flagged.body));
    }
  });

  it('a hub coordinator quarantines, relabels down with a justification and dismisses; the author sees the outcome', async () => {
    const { baseUrl, browser, dataDir } = e2e();
    const moderator = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = moderator;
    await signInThroughNairobi(page, baseUrl, '/', WANJIRU);
    const restore = await makeHubCoordinator({ baseUrl, dataDir }, page);
    try {
      await page.goto(`${baseUrl}/moderation`);
      await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
      await page.getByRole('listitem').filter({ hasText: TOPICS.quarantine }).waitFor();
      await assertAccessible(page, 'review queue (en, 1280)');
      await page.setViewportSize({ width: 390, height: 844 });
      await assertAccessible(page, 'review queue (en, 390)');
      await page.setViewportSize({ width: 1280, height: 900 });

      // Quarantine, with a reason.
      await review(page, TOPICS.quarantine);
      await assertAccessible(page, 'flagged item (en, 1280)');
      await page.getByRole('button', { name: 'Quarantine', exact: true }).click();
      await page.getByLabel('Reason').fill('Home addresses of families');
      await page.getByRole('button', { name: 'Quarantine now' }).click();
      await page.getByText('The item is quarantined.').waitFor();
      await page.getByTestId('item-state').getByText('Quarantined').waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Home addresses of families' }).first().waitFor();

      // Relabel down (AMBER → GREEN), with a justification.
      await review(page, TOPICS.relabel);
      await page.getByRole('button', { name: 'Change the label' }).click();
      await page.getByLabel('New label').selectOption('GREEN');
      await page.getByLabel('Justification').fill('Nothing here needs AMBER');
      await page.getByRole('button', { name: 'Apply the new label' }).click();
      await page.getByText('The label is changed.').waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Nothing here needs AMBER' }).first().waitFor();

      // Dismiss, with a reason.
      await review(page, TOPICS.dismiss);
      await page.getByLabel('Why dismiss this flag').fill('Public event, fine here');
      await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
      await page.getByText('The flag is dismissed.').waitFor();
      await page.getByRole('listitem').filter({ hasText: 'Public event, fine here' }).first().waitFor();

      // The queue no longer holds them; the dismissed one is under "Dismissed".
      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Review queue' }).waitFor();
      await page.getByLabel('State').selectOption('dismissed');
      await page.getByRole('listitem').filter({ hasText: TOPICS.dismiss }).waitFor();
      await page.getByLabel('State').selectOption('open');
      for (const title of Object.values(TOPICS))
        await page.getByRole('listitem').filter({ hasText: title }).waitFor({ state: 'detached' });

      // The audit view finds the relabel.
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action').selectOption('content.relabelled');
      await page
        .getByRole('search', { name: 'Search the audit log' })
        .getByRole('button', { name: 'Search' })
        .click();
      await page
        .getByRole('cell', { name: /Nothing here needs AMBER/ })
        .first()
        .waitFor();
      await assertAccessible(page, 'audit log (en, 1280)');
      moderator.assertClean();

      // The author sees each outcome, with the reason, in the bell.
      const author = await openSession(browser);
      await signInThroughNairobi(author.page, baseUrl, `/forums/${HUB_FORUM.slug}`, GRACE);
      const banner = author.page.getByRole('banner');
      await banner.getByRole('button', { name: /^Notifications, unread: [1-9]/ }).click();
      const panel = author.page.locator('#bell-panel');
      await panel
        .getByText(`Material in ${HUB_FORUM.name} was quarantined by a moderator: Home addresses of families`)
        .waitFor();
      await panel
        .getByText(
          `Material in ${HUB_FORUM.name} had its label changed: AMBER → GREEN: Nothing here needs AMBER`,
        )
        .waitFor();
      // …and the history on the item itself.
      await author.page.goto(`${baseUrl}/forums/topics/${ids.relabel}`);
      await author.page.getByRole('button', { name: 'Moderation history' }).first().click();
      const history = author.page.getByRole('region', { name: 'What happened to this item' });
      await history.getByText('Nothing here needs AMBER').waitFor();
      await history.getByText('Label changed').waitFor();
      author.assertClean();
    } finally {
      await restore();
    }
  });

  it('a reader flags a room message from the room; the bell names the reason and opens the queue item; a queue-wide quarantine', async () => {
    const server = e2e();
    const { baseUrl, browser, dataDir } = server;
    const room = await createHubRoom(server, { name: 'Moderation room' });
    const grace = await tokenFor(server, GRACE.email);
    const sent = await api<{ id: string }>(server, grace, 'POST', `/rooms/${room.id}/messages`, {
      clientId: randomUUID(),
      body: `Buy cheap followers ${RUN}`,
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/', WANJIRU);
    const restore = await makeHubCoordinator({ baseUrl, dataDir }, page);
    try {
      await page.goto(`${baseUrl}/rooms/${room.id}`);
      const message = page.locator(`[data-message-id="${sent.body.id}"]`);
      await message.getByRole('button', { name: 'Flag' }).click();
      await message.getByLabel('Why flag this message').selectOption('spam');
      await message.getByRole('button', { name: 'Send the flag' }).click();
      await message.getByText('Thank you: the moderators will review it.').waitFor();
      await assertAccessible(page, 'room with the flag form (en, 1280)');

      // The coordinator's bell says why, in words, and opens the item in the console.
      const banner = page.getByRole('banner');
      await banner.getByRole('button', { name: /^Notifications, unread: [1-9]/ }).click();
      const notice = page
        .locator('#bell-panel')
        .getByRole('link', { name: `Unread: Material in ${room.name} was flagged for review: spam` });
      // By keyboard, as a screen-reader user would follow it.
      await notice.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/moderation/items/Message/${sent.body.id}`);
      await page.getByText(`Buy cheap followers ${RUN}`).waitFor();

      // Queue-wide: select the flag and quarantine its item.
      await page.getByRole('link', { name: 'Review queue' }).click();
      await page.getByLabel('Kind').selectOption('Message');
      await page.getByLabel(`Select the flag for Spam in ${room.name}`).check();
      await page.getByLabel('Action', { exact: true }).selectOption('quarantine');
      await page.getByRole('textbox', { name: 'Reason' }).fill('Spam wave');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByText('1 done, 0 refused.').waitFor();
      await page.getByLabel(`Select the flag for Spam in ${room.name}`).waitFor({ state: 'detached' });
      session.assertClean();
    } finally {
      await restore();
    }
  });

  it('works right to left in Arabic, at 1280 and 390 px', async () => {
    const { baseUrl, browser, dataDir } = e2e();
    const session = await openSession(browser, { locale: 'ar', viewport: { width: 1280, height: 900 } });
    const { page } = session;
    await signInThroughNairobi(page, baseUrl, '/', WANJIRU);
    const restore = await makeHubCoordinator({ baseUrl, dataDir }, page);
    try {
      await page.goto(`${baseUrl}/moderation?state=dismissed`);
      await page.getByRole('heading', { level: 1, name: 'قائمة المراجعة' }).waitFor();
      await page.getByLabel('الحالة').selectOption('dismissed');
      await page.getByRole('listitem').filter({ hasText: TOPICS.dismiss }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      await assertAccessible(page, 'review queue (ar, 1280)');
      await page.setViewportSize({ width: 390, height: 844 });
      await assertAccessible(page, 'review queue (ar, 390)');
      await page.goto(`${baseUrl}/moderation/items/Post/${ids.dismiss}`);
      await page.getByRole('heading', { level: 1, name: 'عنصر مُبلَّغ عنه' }).waitFor();
      await page.getByText('رُفض البلاغ').first().waitFor();
      await assertAccessible(page, 'flagged item (ar, 390)');
      await page.setViewportSize({ width: 1280, height: 900 });
      await assertAccessible(page, 'flagged item (ar, 1280)');
      await page.goto(`${baseUrl}/moderation/audit`);
      await page.getByRole('heading', { level: 1, name: 'سجل التدقيق' }).waitFor();
      await assertAccessible(page, 'audit log (ar, 1280)');
      session.assertClean();
    } finally {
      await restore();
    }
  });
});
