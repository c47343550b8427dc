/**
 * A room whose `room:join` is answered late, in the browser against the real server: the database
 * stalls (stopped, then continued) while a member opens the room, so the join's answer outlives the
 * client's wait (JOIN_ANSWER_TIMEOUT_MS). The client asks again, the server answers that ask with the
 * join already on its way, and the room opens whole: what was sent before, then live sending, each
 * message shown once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { JOIN_ANSWER_TIMEOUT_MS } from '../../shared/joinRetry.js';
import { stallDatabase } from './support/databaseStall.js';
import { WANJIRU, api, tokenFor } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi } from './support/rooms.js';

/** Waits until `done()` holds, checking every 100 ms; fails after `ms` naming `what`. */
async function until(done: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The messages region of the room page. */
const messages = (page: Page) => page.getByRole('region', { name: /^Messages in / });

describe('a room joined late (the database stalled)', () => {
  it('asks again when the answer is late, then opens the room whole and sends live', async function () {
    this.timeout(120_000);
    const { baseUrl, dataDir, browser } = e2e();
    const room = await createHubRoom(e2e(), { name: 'Stalled database circle' });
    const token = await tokenFor(e2e(), WANJIRU.email);
    const before = await api(e2e(), token, 'POST', `/rooms/${room.id}/messages`, {
      clientId: randomUUID(),
      body: 'Sent before the stall',
      label: 'GREEN',
    });
    assert.equal(before.status, 200, JSON.stringify(before.body));

    const session = await openSession(browser);
    const { page } = session;
    // Every `room:join` the page asks for this room, as sent on its WebSocket, and the socket's
    // connection (Socket.IO's CONNECT packet, `40`), which needs the database: made before the stall.
    let joinsAsked = 0;
    let socketConnected = false;
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"room:join"') && String(payload).includes(room.id)) joinsAsked += 1;
      });
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).startsWith('40')) socketConnected = true;
      });
    });
    await signInAtNairobi(page, baseUrl, WANJIRU.name, '/rooms');
    const link = page.getByRole('main').getByRole('link', { name: room.name });
    await link.waitFor();
    await until(() => socketConnected, 30_000, 'the socket connected');

    const resume = stallDatabase(dataDir, 60_000);
    try {
      await link.click();
      // The first ask's answer is late (JOIN_ANSWER_TIMEOUT_MS): the page asks again, and until the
      // database is back the room is not joined, so nothing is shown.
      await until(() => joinsAsked >= 2, JOIN_ANSWER_TIMEOUT_MS + 20_000, 'the join asked again');
      assert.equal(await messages(page).getByText('Sent before the stall').count(), 0);
    } finally {
      resume();
    }

    const earlier = messages(page).getByRole('article').filter({ hasText: 'Sent before the stall' });
    await earlier.waitFor();
    const box = page.getByLabel('Message', { exact: true });
    await box.fill('Sent after the stall');
    await box.press('Enter');
    const later = messages(page).getByRole('article').filter({ hasText: 'Sent after the stall' });
    await later.waitFor();
    // Stored and shown once each, whatever the late answers brought.
    const stored = await api<{ items: { body: string }[] }>(
      e2e(),
      token,
      'GET',
      `/rooms/${room.id}/messages?limit=100`,
    );
    assert.deepEqual(stored.body.items.map((m) => m.body).sort(), [
      'Sent after the stall',
      'Sent before the stall',
    ]);
    assert.equal(await earlier.count(), 1);
    assert.equal(await later.count(), 1);
    session.assertClean();
  });
});
