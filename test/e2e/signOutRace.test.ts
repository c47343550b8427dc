/**
 * Signing out while the tab is busy. The server ends the session (and its sockets) before its answer,
 * which clears the cookie, reaches the browser. Reads of the tab still on their way then either reach
 * the server after the sign-out (refused with 401: a stale session cookie), or were answered before it
 * and their answers, renewing the rolling session cookie, arrive after the sign-out's answer and put
 * the ended session's cookie back, so that the next requests are refused. Here the server answers the
 * bell's reads before the sign-out, and the answers are held until the sign-out is answered (as a
 * loaded machine or network may deliver them); nothing may be refused afterwards.
 */
import assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { signInAtNairobi } from './support/rooms.js';

const WANJIRU = 'Wanjiru Kamau';
const BELL_READS = '**/api/v1/me/notifications**';

/** Lets the server answer the bell's reads but holds the answers until `release()`; `held()` counts them. */
async function holdBellAnswers(page: Page) {
  const waiting: Array<() => Promise<void>> = [];
  let released = false;
  await page.route(BELL_READS, async (route: Route) => {
    const response = await route.fetch().catch(() => null);
    if (!response) return;
    const deliver = () => route.fulfill({ response }).catch(() => undefined);
    if (released) await deliver();
    else waiting.push(deliver);
  });
  return {
    held: () => waiting.length,
    release: () => {
      released = true;
      for (const deliver of waiting.splice(0)) void deliver();
    },
  };
}

/** Signs in, waits until the answers to the bell's two reads are held, signs out, then delivers them. */
async function signOutWhileBellAnswersTravel(page: Page, baseUrl: string): Promise<void> {
  const banner = page.getByRole('banner');
  const hold = await holdBellAnswers(page);
  await signInAtNairobi(page, baseUrl, WANJIRU, '/');
  // The bell reads its list and its unread count once the socket is accepted.
  const deadline = Date.now() + 15_000;
  while (hold.held() < 2 && Date.now() < deadline) await page.waitForTimeout(50);
  assert.equal(hold.held(), 2, "the answers to the bell's two reads are held");
  const signedOut = page.waitForResponse('**/api/v1/auth/logout');
  await banner.getByRole('button', { name: 'Sign out' }).click();
  await signedOut;
  hold.release();
  await banner.getByRole('link', { name: 'Sign in' }).waitFor();
  // The signed-out home page reads the public lists: with the ended cookie they would be refused.
  await page.waitForLoadState('networkidle');
  await page.unroute(BELL_READS);
}

describe('signing out while reads are under way', () => {
  it('puts no ended session cookie back: answers given before the sign-out arrive after it', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    for (let round = 0; round < 2; round += 1) await signOutWhileBellAnswersTravel(session.page, baseUrl);
    session.assertClean();
  });
});
