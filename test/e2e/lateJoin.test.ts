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
    // Every `room:join` the page asks for this room, as sent on its WebSocket.
    let joinsAsked = 0;
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"room:join"') && String(payload).includes(room.id)) joinsAsked += 1;
      }),
    );
    await signInAtNairobi(page, baseUrl, WANJIRU.name, '/rooms');
    const link = page.getByRole('main').getByRole('link', { name: room.name });
    await link.waitFor();

    const resume = stallDatabase(dataDir, 60_000);
    try {
      await link.click();
      // Past the client's wait for the answer, the room is still not joined: nothing is shown.
      await page.waitForTimeout(JOIN_ANSWER_TIMEOUT_MS + 2_000);
      assert.equal(await messages(page).getByText('Sent before the stall').count(), 0);
      assert.ok(joinsAsked >= 2, `the join was asked again (${joinsAsked} asks)`);
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
