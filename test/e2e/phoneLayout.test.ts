/**
 * The workspace on a 390 x 844 phone: the signed-in header is one line, its navigation and the
 * workspace sidebar open from one "Menu" button (Escape closes it), the notification list fits the
 * screen, and a room's message box is in view without scrolling, with a full message list, in
 * English and in Arabic (right to left). Bounding boxes are measured in the real browser.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { api, tokenFor, WANJIRU } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi, type CreatedRoom } from './support/rooms.js';

const PHONE = { width: 390, height: 844 };
const NEWCOMER = { name: 'Wambui Njeri', email: 'wambui.njeri@nairobi.example' };

/** Fails unless the element's box lies wholly inside the phone's screen (the page not scrolled). */
async function assertOnScreen(
  page: Page,
  what: string,
  box: { x: number; y: number; width: number; height: number } | null,
) {
  assert.ok(box, `${what} is shown`);
  const scrollY = await page.evaluate(() => window.scrollY);
  assert.equal(scrollY, 0, 'the page is not scrolled');
  assert.ok(
    box.x >= 0 && box.x + box.width <= PHONE.width + 0.5,
    `${what} fits the width: ${JSON.stringify(box)}`,
  );
  assert.ok(
    box.y >= 0 && box.y + box.height <= PHONE.height + 0.5,
    `${what} is above the fold: ${JSON.stringify(box)}`,
  );
}

describe('the workspace on a 390 px phone', () => {
  let room: CreatedRoom;
  before(async function () {
    this.timeout(120_000);
    const server = e2e();
    room = await createHubRoom(server, { name: 'Phone layout room', chathamHouse: true });
    const token = await tokenFor(server, WANJIRU.email);
    for (let i = 1; i <= 16; i++) {
      const sent = await api(server, token, 'POST', `/rooms/${room.id}/messages`, {
        clientId: crypto.randomUUID(),
        body: `Update ${i} on the youth outreach programme: schools, sports clubs and faith groups met this week.`,
        label: 'GREEN',
      });
      assert.equal(sent.status, 200);
    }
  });

  for (const locale of ['en-GB', 'ar']) {
    it(`keeps the header to one line and the message box in view in a room (${locale})`, async () => {
      const { baseUrl, browser } = e2e();
      const session = await openSession(browser, { locale, viewport: PHONE });
      const { page } = session;
      await signInAtNairobi(page, baseUrl, NEWCOMER, `/rooms/${room.id}`);
      await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
      const composer = page.locator('#composer-body');
      await composer.waitFor();
      await page.locator('.message').nth(15).waitFor();

      const header = await page.getByRole('banner').boundingBox();
      assert.ok(header && header.height <= 72, `the header is ${header?.height} px tall`);
      await assertOnScreen(page, 'the message box', await composer.boundingBox());
      await assertOnScreen(
        page,
        'the send button',
        await page.locator('.composer button[type="submit"]').boundingBox(),
      );
      // The navigation and search are folded into the menu until it is opened.
      assert.equal(await page.locator('#site-menu').isVisible(), false);
      assert.equal(await page.locator('.header-search').isVisible(), false);

      // Typing and sending works from there.
      await composer.fill(locale === 'ar' ? 'رسالة من الهاتف' : 'Sent from a phone');
      await composer.press('Enter');
      await page
        .locator('.message-list')
        .getByText(locale === 'ar' ? 'رسالة من الهاتف' : 'Sent from a phone')
        .waitFor();
      await assertOnScreen(page, 'the message box after sending', await composer.boundingBox());
      await assertAccessible(page, `room page ${locale} 390px`);
      await session.screenshot(`phone-room-${locale}`);
      session.assertClean();
    });

    it(`opens the notification list within the screen (${locale})`, async () => {
      const { baseUrl, browser } = e2e();
      const session = await openSession(browser, { locale, viewport: PHONE });
      const { page } = session;
      await signInAtNairobi(page, baseUrl, NEWCOMER, '/');
      const bell = page.locator('.bell__button');
      await bell.waitFor();
      await assertOnScreen(page, 'the bell', await bell.boundingBox());
      await bell.click();
      const panel = page.locator('#bell-panel');
      await panel.waitFor();
      await assertOnScreen(page, 'the notification list', await panel.boundingBox());
      await assertAccessible(page, `notification list ${locale} 390px`);
      await session.screenshot(`phone-bell-${locale}`);
      await page.keyboard.press('Escape');
      assert.equal(await panel.isVisible(), false);
      assert.equal(
        await page.evaluate(() => document.activeElement?.classList.contains('bell__button')),
        true,
      );
      session.assertClean();
    });
  }

  it('opens the navigation, search, account and the workspace sidebar from one menu button', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { viewport: PHONE });
    const { page } = session;
    await signInAtNairobi(page, baseUrl, NEWCOMER, '/');
    await page.getByRole('heading', { level: 1, name: 'What is new for you' }).waitFor();
    const menu = page.getByRole('button', { name: /^Menu/ });
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    const side = page.getByRole('complementary', { name: 'Your workspace' });
    assert.equal(await side.isVisible(), false, 'the sidebar is folded on a phone');

    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Forums' }).waitFor();
    await page.getByRole('search').waitFor();
    await side.getByRole('link', { name: /^Phone layout room/ }).waitFor();
    await session.screenshot('phone-menu-open');
    // The focus order follows: from the button into the menu.
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.closest('nav')?.getAttribute('aria-label')),
      'Main',
    );
    await page.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'site-menu-button');

    // Following a link from the menu closes it and lands on the page.
    await menu.click();
    await side.getByRole('link', { name: /^Phone layout room/ }).click();
    await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await side.isVisible(), false);
    session.assertClean();
  });
});
