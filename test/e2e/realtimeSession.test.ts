/**
 * The tab's socket on hostile networks and across tabs, in the browser against the real server:
 * with every WebSocket blocked (closed before it opens), the client falls back to HTTP long-polling
 * and a room message still goes both ways; a sign-out in one tab shows as signed out in the other
 * at once (the server ends the other tab's socket), with a way to sign in again.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi } from './support/rooms.js';

const WANJIRU = 'Wanjiru Kamau';
const NEWCOMER = { name: 'Baraka Njoroge', email: 'baraka.njoroge@nairobi.example' };

/** The messages region of the room page. */
const messages = (page: Page) => page.getByRole('region', { name: /^Messages in / });

/** Waits for the room's heading and composer (the composer shows once the socket joined the room). */
async function roomReady(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

/** Types `text` in the composer and presses Enter. */
async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

describe('the real-time connection', () => {
  it('falls back to long-polling when WebSocket is blocked; messages go both ways', async () => {
    const { baseUrl, browser } = e2e();
    const room = await createHubRoom(e2e(), { name: 'Behind a strict proxy' });
    const [a, b] = await Promise.all([openSession(browser), openSession(browser)]);
    // a's network lets no WebSocket through: each one is closed before it opens.
    let blocked = 0;
    await a.context.routeWebSocket(/\/socket\.io\//, (ws) => {
      blocked += 1;
      ws.close();
    });
    let polled = 0;
    a.page.on('request', (request) => {
      if (/\/socket\.io\/\?.*transport=polling/.test(request.url())) polled += 1;
    });
    await signInAtNairobi(a.page, baseUrl, WANJIRU, `/rooms/${room.id}`);
    await signInAtNairobi(b.page, baseUrl, NEWCOMER, `/rooms/${room.id}`);
    await Promise.all([roomReady(a.page, room.name), roomReady(b.page, room.name)]);
    assert.ok(blocked > 0, 'the client tried WebSocket first');
    assert.ok(polled > 0, 'the client fell back to long-polling');

    await send(a.page, 'Sent over long-polling');
    await messages(b.page).getByText('Sent over long-polling').waitFor();
    await send(b.page, 'Received over long-polling');
    await messages(a.page).getByText('Received over long-polling').waitFor();
    // The sender's own message was acknowledged (it leaves the outbox and can be edited).
    await messages(a.page)
      .getByRole('article')
      .filter({ hasText: 'Sent over long-polling' })
      .getByRole('button', { name: 'Edit' })
      .waitFor();
    a.assertClean();
    b.assertClean();
  });

  it('shows the other tab signed out when the session ends in one', async () => {
    const { baseUrl, browser } = e2e();
    const room = await createHubRoom(e2e(), { name: 'Two tabs' });
    const session = await openSession(browser);
    await signInAtNairobi(session.page, baseUrl, WANJIRU, `/rooms/${room.id}`);
    await roomReady(session.page, room.name);
    const other = await session.context.newPage();
    const otherProblems: string[] = [];
    other.on('pageerror', (error) => otherProblems.push(error.message));
    await other.goto(`${baseUrl}/rooms/${room.id}`);
    await roomReady(other, room.name);
    const otherBanner = other.getByRole('banner');
    await otherBanner.getByRole('button', { name: 'Sign out' }).waitFor();

    await session.page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await session.page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();

    // The other tab learns it from the server at once, without a reload.
    const notice = other.getByRole('alert').filter({ hasText: 'You are signed out' });
    await notice.waitFor();
    await otherBanner.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await otherBanner.getByRole('button', { name: 'Sign out' }).count(), 0);
    assert.equal(await other.getByLabel('Message', { exact: true }).count(), 0, 'the room is closed');
    await other.getByText('Sign in to see your rooms.').waitFor();
    // The tab that signed out is not told it was signed out elsewhere.
    assert.equal(await session.page.getByText('You are signed out').count(), 0);

    await notice.getByRole('link', { name: 'Sign in again' }).click();
    await other.waitForURL(
      (url) => url.pathname === '/sign-in' && url.searchParams.get('returnTo') === `/rooms/${room.id}`,
    );
    assert.deepEqual(otherProblems, []);
    session.assertClean();
  });
});
