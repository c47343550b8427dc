/**
 * Rooms in the browser against the real server: two members in two browser contexts see each other's
 * messages live, history survives a reload, edits and deletes propagate, a message written offline
 * is delivered exactly once when the link is back, a non-member is told the room is not available,
 * sending works from the keyboard alone, threads and reactions, and the room in Arabic is right to left.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession, WENT_OFFLINE, type Session } from './support/page.js';
import {
  adminApi,
  createHubRoom,
  signInAtNairobi,
  signInLocally,
  type CreatedRoom,
} from './support/rooms.js';

const WANJIRU = 'Wanjiru Kamau';
const NEWCOMER = { name: 'Achieng Otieno', email: 'achieng.otieno@nairobi.example' };
const HUB_MODERATOR = { name: 'Baraka Odhiambo', email: 'baraka.odhiambo@nairobi.example' };

/** Two people of the hub in their own browser contexts, both on the room's page. */
async function twoMembers(room: CreatedRoom): Promise<{ a: Session; b: Session }> {
  const { baseUrl, browser } = e2e();
  const [a, b] = await Promise.all([openSession(browser), openSession(browser)]);
  await signInAtNairobi(a.page, baseUrl, WANJIRU, `/rooms/${room.id}`);
  await signInAtNairobi(b.page, baseUrl, NEWCOMER, `/rooms/${room.id}`);
  await Promise.all([roomReady(a.page, room), roomReady(b.page, room)]);
  return { a, b };
}

/** Waits for the room's heading and composer. */
async function roomReady(page: Page, room: { name: string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

/** The messages region of the room page. */
const messages = (page: Page) => page.getByRole('region', { name: /^Messages in / });

/** Types `text` in the composer and presses Enter. */
async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

/** How many stored messages of `room` have exactly `body` (read over the API as the admin). */
async function storedCount(room: CreatedRoom, body: string): Promise<number> {
  const page = await adminApi<{ items: { body: string }[] }>(
    e2e(),
    'GET',
    `/rooms/${room.id}/messages?limit=100`,
  );
  return page.items.filter((m) => m.body === body).length;
}

describe('rooms (/rooms)', () => {
  it('lists my rooms; a message sent by one member reaches the other live and survives a reload', async () => {
    const room = await createHubRoom(e2e(), { name: 'Nairobi prevention circle' });
    const { a, b } = await twoMembers(room);

    await a.page.getByRole('link', { name: 'All your rooms' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Your rooms' }).waitFor();
    await a.page.getByRole('heading', { level: 2, name: 'Hub rooms' }).waitFor();
    await a.page.getByRole('main').getByRole('link', { name: room.name }).click();
    await roomReady(a.page, room);

    // The label picker offers the room's labels up to its ceiling, with the default chosen.
    const picker = a.page.getByLabel('Label', { exact: true });
    assert.equal(await picker.inputValue(), 'GREEN');
    assert.deepEqual(await picker.locator('option').allTextContents(), [
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
    ]);

    await send(a.page, 'Hello from **Wanjiru**');
    const seen = messages(b.page).getByRole('article').filter({ hasText: 'Hello from Wanjiru' });
    await seen.waitFor();
    assert.equal(
      await seen.locator('.message__body strong', { hasText: 'Wanjiru' }).count(),
      1,
      'Markdown rendered by the server',
    );
    await seen.getByText('TLP:GREEN').waitFor();
    await seen.getByText(WANJIRU, { exact: true }).waitFor();
    // Read markers: the author's own page saw the message, and the marker reaches the other member.
    await seen.getByText(`Seen by ${WANJIRU}`).waitFor();
    // The receiver hears about it politely.
    await b.page.getByText(`New message from ${WANJIRU}`).waitFor({ state: 'attached' });

    await b.page.reload();
    await roomReady(b.page, room);
    await messages(b.page).getByText('Hello from Wanjiru').waitFor();
    assert.equal(await messages(b.page).getByText('Hello from Wanjiru').count(), 1);
    await a.screenshot('room-en');
    a.assertClean();
    b.assertClean();
  });

  it('propagates edits and deletes to the other member at once', async () => {
    const room = await createHubRoom(e2e(), { name: 'Edits and deletes' });
    const { a, b } = await twoMembers(room);
    await send(a.page, 'First version');
    const mine = messages(a.page).getByRole('article').filter({ hasText: 'First version' });
    await mine.getByRole('button', { name: 'Edit' }).click();
    const edit = a.page.getByLabel('Edit your message');
    await edit.fill('Second version');
    await edit.press('Enter');
    const theirs = messages(b.page).getByRole('article').filter({ hasText: 'Second version' });
    await theirs.waitFor();
    await theirs.getByText('(edited)').waitFor();
    assert.equal(await messages(b.page).getByText('First version').count(), 0);
    assert.equal(await theirs.getByRole('button', { name: 'Edit' }).count(), 0, 'only the author may edit');

    await messages(a.page)
      .getByRole('article')
      .filter({ hasText: 'Second version' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await a.page.getByRole('button', { name: 'Yes, delete' }).click();
    await messages(b.page).getByText('Second version').waitFor({ state: 'detached' });
    await messages(a.page).getByText('Second version').waitFor({ state: 'detached' });
    a.assertClean();
    b.assertClean();
  });

  it('keeps a message written offline and delivers it exactly once when the link is back', async () => {
    const room = await createHubRoom(e2e(), { name: 'Flaky network' });
    const { a, b } = await twoMembers(room);

    await a.context.setOffline(true);
    await a.page.getByText('You are offline.').waitFor();
    await send(a.page, 'Written on the bus');
    const pending = messages(a.page).getByRole('article').filter({ hasText: 'Written on the bus' });
    await pending.getByText('Not sent yet: waiting for the connection.').waitFor();
    await a.screenshot('room-offline-pending');
    // Nothing reached the other member or the database.
    await b.page.waitForTimeout(500);
    assert.equal(await messages(b.page).getByText('Written on the bus').count(), 0);
    assert.equal(await storedCount(room, 'Written on the bus'), 0);

    await a.context.setOffline(false);
    await messages(b.page).getByText('Written on the bus').waitFor();
    await pending.getByText('Not sent yet').waitFor({ state: 'detached' });
    await messages(a.page)
      .getByRole('article')
      .filter({ hasText: 'Written on the bus' })
      .getByRole('button', { name: 'Edit' })
      .waitFor();
    assert.equal(await messages(a.page).getByText('Written on the bus').count(), 1);
    assert.equal(await messages(b.page).getByText('Written on the bus').count(), 1);
    assert.equal(await storedCount(room, 'Written on the bus'), 1);
    await b.page.reload();
    await roomReady(b.page, room);
    await messages(b.page).getByText('Written on the bus').waitFor();
    assert.equal(await messages(b.page).getByText('Written on the bus').count(), 1);
    a.assertClean([WENT_OFFLINE]);
    b.assertClean();
  });

  it('tells a non-member only that the room is not available, the same as for no room at all', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const room = await createHubRoom(e2e(), { name: 'Members only' });
    const session = await openSession(browser);
    const { page } = session;
    await signInLocally(
      page,
      { baseUrl, dataDir },
      'partner@dhaka.demo.concordia.example',
      `/rooms/${room.id}`,
    );
    await page.getByRole('heading', { level: 1, name: 'This room is not available' }).waitFor();
    await page.getByText('This room does not exist, or you are not one of its members.').waitFor();
    assert.equal(await page.getByText(room.name).count(), 0, 'the room name is not shown');
    assert.equal(await page.getByLabel('Message', { exact: true }).count(), 0);

    await page.goto(`${baseUrl}/rooms/0123456789abcdef01234567`);
    await page.getByRole('heading', { level: 1, name: 'This room is not available' }).waitFor();
    await page.goto(`${baseUrl}/rooms`);
    await page.getByRole('heading', { level: 1, name: 'Your rooms' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /^Rooms: / })
      .waitFor();
    assert.equal(await page.getByRole('link', { name: room.name }).count(), 0);
    session.assertClean();
  });

  it('sends from the keyboard alone; Shift+Enter makes a new line; threads and reactions', async () => {
    const room = await createHubRoom(e2e(), { name: 'Keyboard room', chathamHouse: true });
    const { a, b } = await twoMembers(room);
    await a.page.getByText('Chatham House Rule.').waitFor();

    // From the top of the page, the skip link to the content, then Tab to the composer (the sidebar's
    // list of rooms grows with every room the suite makes); write two lines, send with Enter.
    await a.page.locator('body').focus();
    await a.page.keyboard.press('Tab');
    assert.equal(await a.page.evaluate(() => document.activeElement?.className), 'skip-link');
    await a.page.keyboard.press('Enter');
    for (let i = 0; i < 40; i++) {
      await a.page.keyboard.press('Tab');
      if (await a.page.evaluate(() => document.activeElement?.id === 'composer-body')) break;
    }
    assert.equal(await a.page.evaluate(() => document.activeElement?.id), 'composer-body');
    await a.page.keyboard.type('Line one');
    await a.page.keyboard.press('Shift+Enter');
    await a.page.keyboard.type('Line two');
    await a.page.keyboard.press('Enter');
    const sent = messages(b.page).getByRole('article').filter({ hasText: 'Line one' });
    await sent.waitFor();
    assert.match((await sent.locator('.message__body').innerText()).trim(), /^Line one\s*\n\s*Line two$/);
    assert.equal(
      await a.page.getByLabel('Message', { exact: true }).inputValue(),
      '',
      'the composer is emptied',
    );

    // B reacts; A sees the count. B opens a thread (focus moves into it) and replies.
    await sent.getByRole('button', { name: 'React' }).click();
    await sent.getByRole('button', { name: 'React with thumbs up' }).click();
    await messages(a.page).getByRole('button', { name: 'thumbs up: 1' }).waitFor();
    await sent.getByRole('button', { name: 'Reply in thread' }).click();
    const panel = b.page.getByRole('complementary', { name: 'Thread' });
    await panel.waitFor();
    assert.equal(await b.page.evaluate(() => document.activeElement?.id), 'thread-heading');
    await panel.getByLabel('Reply in the thread').fill('A reply in the thread');
    await panel.getByLabel('Reply in the thread').press('Enter');
    await panel.getByText('A reply in the thread').waitFor();
    await messages(a.page).getByRole('button', { name: 'Replies: 1' }).waitFor();
    assert.equal(
      await messages(a.page).getByText('A reply in the thread').count(),
      0,
      'replies stay in the thread',
    );
    await b.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assert.equal(await b.page.evaluate(() => document.activeElement?.textContent), 'Replies: 1');
    await b.screenshot('room-thread-closed');
    a.assertClean();
    b.assertClean();
  });

  it("offers no label below the thread for a reply, and preselects the thread's label", async () => {
    const room = await createHubRoom(e2e(), { name: 'Thread label room' });
    const { a, b } = await twoMembers(room);
    await a.page.getByLabel('Label', { exact: true }).selectOption('AMBER');
    await send(a.page, 'An AMBER opening');
    const opening = messages(b.page).getByRole('article').filter({ hasText: 'An AMBER opening' });
    await opening.waitFor();
    await opening.getByRole('button', { name: 'Reply in thread' }).click();
    const panel = b.page.getByRole('complementary', { name: 'Thread' });
    await panel.waitFor();
    const picker = panel.getByLabel('Label', { exact: true });
    assert.equal(await picker.inputValue(), 'AMBER', "the thread's label is preselected");
    assert.deepEqual(await picker.locator('option').allTextContents(), ['TLP:AMBER']);
    await panel.getByLabel('Reply in the thread').fill('A reply kept at AMBER');
    await panel.getByLabel('Reply in the thread').press('Enter');
    await panel.getByText('A reply kept at AMBER').waitFor();
    await messages(a.page).getByRole('button', { name: 'Replies: 1' }).waitFor();
    const stored = await adminApi<{ items: { body: string; label: string }[] }>(
      e2e(),
      'GET',
      `/rooms/${room.id}/messages?limit=100`,
    );
    assert.ok(stored.items.some((m) => m.body === 'An AMBER opening' && m.label === 'AMBER'));
    a.assertClean();
    b.assertClean();
  });

  it("shows a hub moderator delete and quarantine on a member's message, from the server's abilities", async () => {
    const room = await createHubRoom(e2e(), { name: 'Moderated room' });
    const { baseUrl, browser } = e2e();
    const [a, m] = await Promise.all([openSession(browser), openSession(browser)]);
    // A Nairobi practitioner made coordinator (moderator) of the hub: no room role, no moderator role.
    await signInAtNairobi(m.page, baseUrl, HUB_MODERATOR, '/');
    const moderatorId = await m.page.evaluate(
      async () => ((await (await fetch('/api/v1/me')).json()) as { person: { id: string } }).person.id,
    );
    const hub = await adminApi<{ coordinators?: { id: string }[] }>(
      e2e(),
      'GET',
      '/hubs/east-southern-africa',
    );
    const before = (hub.coordinators ?? []).map((c) => c.id);
    await adminApi(e2e(), 'PATCH', '/hubs/east-southern-africa', {
      coordinatorIds: [...before, moderatorId],
    });
    try {
      await signInAtNairobi(a.page, baseUrl, WANJIRU, `/rooms/${room.id}`);
      await m.page.goto(`${baseUrl}/rooms/${room.id}`);
      await Promise.all([roomReady(a.page, room), roomReady(m.page, room)]);
      await send(a.page, 'Names of families, by mistake');
      const seen = messages(m.page).getByRole('article').filter({ hasText: 'Names of families, by mistake' });
      await seen.waitFor();
      await seen.getByRole('button', { name: 'Delete' }).waitFor();
      const own = messages(a.page).getByRole('article').filter({ hasText: 'Names of families, by mistake' });
      await own.getByRole('button', { name: 'Delete' }).waitFor();
      assert.equal(
        await own.getByRole('button', { name: 'Quarantine' }).count(),
        0,
        'members do not quarantine',
      );

      await seen.getByRole('button', { name: 'Quarantine' }).click();
      const reason = m.page.getByLabel(/Why quarantine it\?/);
      assert.equal(
        await m.page.evaluate(() => document.activeElement?.tagName),
        'INPUT',
        'focus in the reason',
      );
      await reason.fill('Names of families');
      await m.page.getByRole('button', { name: 'Quarantine now' }).click();
      await m.page.getByText('The message was quarantined').waitFor();
      await messages(a.page).getByText('Names of families, by mistake').waitFor({ state: 'detached' });
      await messages(m.page).getByText('Names of families, by mistake').waitFor({ state: 'detached' });
      await m.screenshot('room-hub-moderator-quarantined');
    } finally {
      await adminApi(e2e(), 'PATCH', '/hubs/east-southern-africa', { coordinatorIds: before });
    }
    a.assertClean();
    m.assertClean();
  });

  it('has landmarks and a label on every control; in Arabic the room is right to left', async () => {
    const { baseUrl, browser } = e2e();
    const room = await createHubRoom(e2e(), { name: 'Salle arabe' });
    const session = await openSession(browser, { locale: 'ar' });
    const { page } = session;
    await signInAtNairobi(page, baseUrl, WANJIRU, `/rooms/${room.id}`);
    await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
    assert.deepEqual(
      await page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir })),
      { lang: 'ar', dir: 'rtl' },
    );
    const box = page.getByLabel('الرسالة', { exact: true });
    await box.fill('مرحبا بالجميع');
    await box.press('Enter');
    const message = page.getByRole('article').filter({ hasText: 'مرحبا بالجميع' });
    await message.getByRole('button', { name: 'تعديل' }).waitFor();
    // Right to left: the composer's send button sits to the left of the label picker. Both boxes are
    // read in one frame, and early: the page keeps its full column while the sidebar is still loading.
    const composer = await page.evaluate(() => {
      const actions = document.querySelector('.composer__actions');
      const picker = actions?.querySelector('select')?.getBoundingClientRect();
      const send = actions?.querySelector('button[type="submit"]')?.getBoundingClientRect();
      return {
        direction: actions ? getComputedStyle(actions).direction : null,
        sendLeftOfPicker: Boolean(picker && send && send.right <= picker.left),
        pageWiderThanSidebar: (document.querySelector('main')?.getBoundingClientRect().width ?? 0) > 600,
      };
    });
    assert.deepEqual(
      composer,
      { direction: 'rtl', sendLeftOfPicker: true, pageWiderThanSidebar: true },
      'the composer is laid out right to left, in the page column',
    );
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
      assert.equal(await page.getByRole(role).count(), 1, `one ${role} landmark`);
    }
    assert.equal(await page.locator('h1').count(), 1);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
        .filter((control) => {
          if (control.closest('[hidden]')) return false;
          const named =
            control.getAttribute('aria-label') ||
            (control instanceof HTMLButtonElement ? control.textContent?.trim() : '') ||
            ((control as HTMLInputElement).labels?.length ?? 0) > 0;
          return !named;
        })
        .map((control) => control.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, [], 'every control has a name');
    await session.screenshot('room-ar');
    session.assertClean();
  });
  it('delivers what was sent while a member was offline when they come back, exactly once', async () => {
    const room = await createHubRoom(e2e(), { name: 'Away and back' });
    const { a, b } = await twoMembers(room);
    await send(a.page, 'Before the tunnel');
    await messages(b.page).getByText('Before the tunnel').waitFor();

    await b.context.setOffline(true);
    await b.page.getByText('You are offline.').waitFor();
    await send(a.page, 'While you were away');
    await messages(a.page)
      .getByRole('article')
      .filter({ hasText: 'While you were away' })
      .getByRole('button', { name: 'Edit' })
      .waitFor();
    await b.context.setOffline(false);
    await messages(b.page).getByText('While you were away').waitFor();
    await b.page.getByText('You are offline.').waitFor({ state: 'detached' });
    assert.equal(await messages(b.page).getByText('While you were away').count(), 1);
    assert.equal(await messages(b.page).getByText('Before the tunnel').count(), 1);
    a.assertClean();
    b.assertClean([WENT_OFFLINE]);
  });

  it('sends a burst written offline in order, waiting out flood control, each message once', async () => {
    const room = await createHubRoom(e2e(), { name: 'Burst' });
    const { a, b } = await twoMembers(room);
    await a.context.setOffline(true);
    await a.page.getByText('You are offline.').waitFor();
    const bodies = Array.from({ length: 24 }, (_, i) => `Burst message ${String(i + 1).padStart(2, '0')}`);
    for (const body of bodies) await send(a.page, body);
    await a.context.setOffline(false);
    // 20 per person per 10 s: the last ones are refused with rate_limited and sent again by the outbox.
    await messages(b.page)
      .getByText(bodies.at(-1) ?? '')
      .waitFor({ timeout: 45_000 });
    const shown = await messages(b.page).locator('.message__body').allInnerTexts();
    assert.deepEqual(
      shown.map((text) => text.trim()).filter((text) => text.startsWith('Burst message')),
      bodies,
      'every message once, in the order written',
    );
    for (const body of [bodies[0] ?? '', bodies.at(-1) ?? '']) assert.equal(await storedCount(room, body), 1);
    await messages(a.page).locator('.message--pending').waitFor({ state: 'detached' });
    a.assertClean([WENT_OFFLINE]);
    b.assertClean();
  });

  it("takes a quarantined message off the other member's screen at once", async () => {
    const room = await createHubRoom(e2e(), { name: 'Spillage' });
    const { a, b } = await twoMembers(room);
    await send(a.page, 'Personal data by mistake');
    await messages(b.page).getByText('Personal data by mistake').waitFor();
    const page = await adminApi<{ items: { id: string; body: string }[] }>(
      e2e(),
      'GET',
      `/rooms/${room.id}/messages`,
    );
    const id = page.items.find((m) => m.body === 'Personal data by mistake')?.id;
    assert.ok(id);
    await adminApi(e2e(), 'POST', `/messages/${id}/quarantine`, { reason: 'personal data of a member' });
    await messages(b.page).getByText('Personal data by mistake').waitFor({ state: 'detached' });
    await messages(a.page).getByText('Personal data by mistake').waitFor({ state: 'detached' });
    await b.page.reload();
    await roomReady(b.page, room);
    assert.equal(await messages(b.page).getByText('Personal data by mistake').count(), 0);
    a.assertClean();
    b.assertClean();
  });

  it('rings the bell live for a new post in one of my spaces; the list opens and marks read', async () => {
    const room = await createHubRoom(e2e(), { name: 'Bell room' });
    const { a, b } = await twoMembers(room);
    const banner = a.page.getByRole('banner');
    await banner.getByRole('button', { name: /^Notifications, unread: / }).click();
    const panel = a.page.locator('#bell-panel');
    await panel.getByRole('heading', { name: 'Notifications' }).waitFor();
    // B posts in the room's space (from B's own page, with B's CSRF token).
    const status = await b.page.evaluate(async (slug) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/spaces/${slug}/posts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({
          title: 'Youth outreach results',
          body: 'The numbers are in.',
          label: 'GREEN',
        }),
      });
      return response.status;
    }, room.slug);
    assert.equal(status, 201);
    // The bell rings live: the new item appears in the open list and the count goes up.
    await panel.getByRole('link', { name: /Youth outreach results/ }).waitFor();
    await banner.getByRole('button', { name: /^Notifications, unread: [1-9]/ }).waitFor();
    await a.page.getByText('New notification').waitFor({ state: 'attached' });
    await a.screenshot('bell-open');
    await panel.getByRole('button', { name: 'Mark all as read' }).click();
    await a.page.getByRole('banner').getByRole('button', { name: 'Notifications, unread: 0' }).waitFor();
    await a.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(
      await a.page.evaluate(() => document.activeElement?.getAttribute('aria-controls')),
      'bell-panel',
    );
    await a.page.reload();
    await a.page.getByRole('banner').getByRole('button', { name: 'Notifications, unread: 0' }).waitFor();
    a.assertClean();
    b.assertClean();
  });
  it('pages history upwards with "Load earlier messages"', async () => {
    const room = await createHubRoom(e2e(), { name: 'Long history' });
    const { a, b } = await twoMembers(room);
    // 32 messages over REST from both members' pages (16 each stays under flood control).
    const post = (page: Page, from: number) =>
      page.evaluate(
        async ({ roomId, from }) => {
          const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
          for (let i = from; i < from + 16; i++) {
            const response = await fetch(`/api/v1/rooms/${roomId}/messages`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
              body: JSON.stringify({ clientId: `history-${roomId}-${i}`, body: `History ${i}` }),
            });
            if (!response.ok) return response.status;
          }
          return 200;
        },
        { roomId: room.id, from },
      );
    assert.equal(await post(a.page, 1), 200);
    assert.equal(await post(b.page, 17), 200);
    await b.page.reload();
    await roomReady(b.page, room);
    await messages(b.page).getByText('History 32', { exact: true }).waitFor();
    assert.equal(await messages(b.page).getByText('History 1', { exact: true }).count(), 0);
    await messages(b.page).getByRole('button', { name: 'Load earlier messages' }).click();
    await messages(b.page).getByText('History 1', { exact: true }).waitFor();
    assert.equal(await messages(b.page).locator('.message__body').count(), 32, 'each message once');
    await messages(b.page)
      .getByRole('button', { name: 'Load earlier messages' })
      .waitFor({ state: 'detached' });
    a.assertClean();
    b.assertClean();
  });
});
