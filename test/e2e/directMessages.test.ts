/**
 * Direct conversations in the browser against the real server: a member finds a person of another
 * city from the directory, starts a conversation with "Send a message", and both see each other's
 * messages; the rooms list names the conversation by the other person; a refusal by the server
 * (the person was suspended meanwhile) is shown next to the button.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { adminApi, signInAtNairobi, signInLocally } from './support/rooms.js';

const WANJIRU = 'Wanjiru Kamau';
const OMAR = { name: 'Omar Al-Khatib', email: 'mayor@amman.demo.concordia.example' };

/** The messages region of the room page. */
const messages = (page: Page) => page.getByRole('region', { name: /^Messages in / });

/** Types `text` in the composer and presses Enter. */
async function send(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await box.press('Enter');
}

describe('direct conversations (Send a message)', () => {
  it('starts a conversation from the directory; both people see the messages live', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const [a, b] = await Promise.all([openSession(browser), openSession(browser)]);
    await signInAtNairobi(a.page, baseUrl, WANJIRU, '/cities');
    await signInLocally(b.page, { baseUrl, dataDir }, OMAR.email, '/rooms');

    // From the member directory to Amman's page and its people.
    await a.page.getByRole('link', { name: 'Amman' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Amman' }).waitFor();
    const people = a.page.getByRole('region', { name: 'People' });
    await people.getByText(OMAR.name, { exact: true }).waitFor();
    await a.screenshot('city-people-en');
    await people.getByRole('button', { name: `Send a message to ${OMAR.name}` }).click();
    await a.page.waitForURL((url) => /^\/rooms\/[a-f0-9]{24}$/.test(url.pathname));
    const roomPath = new URL(a.page.url()).pathname;
    await a.page.getByRole('heading', { level: 1, name: `Conversation with ${OMAR.name}` }).waitFor();
    await a.page.getByText('Direct conversation').waitFor();
    await send(a.page, 'Hello Omar, shall we compare our youth programmes?');

    // Omar finds it in his rooms list under the other person's name.
    await b.page.reload();
    const direct = b.page.getByRole('region', { name: 'Direct conversations' });
    await direct.getByRole('link', { name: WANJIRU, exact: true }).click();
    await b.page.waitForURL(`${baseUrl}${roomPath}`);
    await b.page.getByRole('heading', { level: 1, name: `Conversation with ${WANJIRU}` }).waitFor();
    await messages(b.page).getByText('Hello Omar, shall we compare our youth programmes?').waitFor();
    await send(b.page, 'Gladly, Wanjiru.');
    await messages(a.page).getByText('Gladly, Wanjiru.').waitFor();

    // Asking again opens the same conversation.
    await a.page.goto(`${baseUrl}/cities/amman`);
    await a.page
      .getByRole('region', { name: 'People' })
      .getByRole('button', { name: `Send a message to ${OMAR.name}` })
      .click();
    await a.page.waitForURL(`${baseUrl}${roomPath}`);
    await messages(a.page).getByText('Gladly, Wanjiru.').waitFor();
    a.assertClean();
    b.assertClean();
  });

  it("shows the server's refusal next to the button, and keeps the person on the page", async () => {
    const { baseUrl, browser } = e2e();
    const suffix = Date.now().toString(36);
    const person = await adminApi<{ id: string; name: string }>(e2e(), 'POST', '/people', {
      name: `Jomo Kariuki ${suffix}`,
      email: `jomo.${suffix}@nairobi.example`,
      city: 'nairobi',
      roles: ['practitioner'],
      status: 'active',
    });
    const session = await openSession(browser);
    const { page } = session;
    await signInAtNairobi(page, baseUrl, WANJIRU, '/cities/nairobi');
    const button = page
      .getByRole('region', { name: 'People' })
      .getByRole('button', { name: `Send a message to ${person.name}` });
    await button.waitFor();
    // Suspended after the list was shown: the server refuses the conversation.
    await adminApi(e2e(), 'POST', `/people/${person.id}/status`, {
      status: 'suspended',
      reason: 'e2e: refused conversation',
    });
    await button.click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The conversation could not be opened' });
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /no active person/i);
    assert.equal(new URL(page.url()).pathname, '/cities/nairobi');
    // Keyboard users reach the button and hear the reason through its description.
    assert.ok(await button.getAttribute('aria-describedby'));
    session.assertClean([{ status: 400, path: '/api/v1/rooms/direct' }]);
  });
});
