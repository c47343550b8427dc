/**
 * "My data" in the browser (issue #12, part 5): a person changes their notification preferences
 * (e-mail and a muted space), downloads their export, and erases their account, which then cannot
 * sign in; their GREEN message stays as a former member's and their AMBER one is gone. The originator
 * reads who accessed their AMBER+STRICT message. Every page in English, French, Arabic (right to
 * left) and Spanish, checked with axe at 1280 px and 390 px.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { WANJIRU, api, tokenFor } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi } from './support/rooms.js';

const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Sends a room message as the person signed in on `page`, the way the client does (CSRF token). */
async function sendAs(page: Page, roomId: string, body: string, label: string): Promise<string> {
  return page.evaluate(
    async ({ roomId, body, label }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1/rooms/${roomId}/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ clientId: crypto.randomUUID(), body, label }),
      });
      if (!response.ok) throw new Error(`send: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    { roomId, body, label },
  );
}

const newcomer = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}.${Date.now().toString(36)}@nairobi.example`,
});

describe('my data: preferences, export, erasure, access log', function () {
  this.timeout(180_000);

  it('a person changes preferences, exports and erases their account, which then cannot sign in', async () => {
    const { baseUrl, browser } = e2e();
    const server = e2e();
    const room = await createHubRoom(server, { name: 'Erasure lab', ceiling: 'AMBER' });
    const session = await openSession(browser, { viewport: WIDE });
    const { page } = session;
    const erin = newcomer('Erin Eraser');
    await signInAtNairobi(page, baseUrl, erin, '/settings/notifications');
    const green = await sendAs(page, room.id, 'Erin green lesson on school networks', 'GREEN');
    const amber = await sendAs(page, room.id, 'Erin amber detail about a district', 'AMBER');

    // Preferences: a weekly digest, no mention e-mail, and the lab muted.
    await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    await page.getByLabel('Once a week').check();
    await page.getByLabel('E-mail me at once when someone mentions me').uncheck();
    await page.getByRole('button', { name: 'Save e-mail settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    const lab = page.getByLabel('Notifications from Erasure lab');
    await lab.selectOption('none');
    await page.getByText('Erasure lab: Nothing (muted). Saved.').waitFor();
    await assertAccessible(page, 'notification settings, 1280 px, English');
    await page.setViewportSize(PHONE);
    await assertAccessible(page, 'notification settings, 390 px, English');
    await page.setViewportSize(WIDE);
    await page.reload();
    await page.getByLabel('Notifications from Erasure lab').waitFor();
    assert.equal(await page.getByLabel('Notifications from Erasure lab').inputValue(), 'none', 'kept');
    assert.equal(await page.getByLabel('Once a week').isChecked(), true);
    assert.equal(await page.getByLabel('E-mail me at once when someone mentions me').isChecked(), false);

    // Export: the download has a clear name and holds my messages with their labels.
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'My data' }).click();
    await page.getByRole('heading', { level: 1, name: 'My data' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^concordia-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      messages: { id: string; label: string; body: string }[];
    };
    assert.deepEqual(
      exported.messages.map((m) => [m.id, m.label]).sort(),
      [
        [green, 'GREEN'],
        [amber, 'AMBER'],
      ].sort(),
    );
    await page.getByText(/^Saved as concordia-my-data-/).waitFor();
    await assertAccessible(page, 'my data, 1280 px, English');

    // Erasure: a clear confirmation step; a wrong address erases nothing.
    await page.getByRole('button', { name: 'Erase my account…' }).click();
    const address = page.getByLabel('Type your e-mail address to confirm');
    await address.fill('someone.else@nairobi.example');
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    await page.getByRole('alert').filter({ hasText: 'is not your e-mail address' }).waitFor();
    await page.setViewportSize(PHONE);
    await assertAccessible(page, 'erasure form, 390 px, English');
    await page.setViewportSize(WIDE);
    await address.fill(erin.email);
    await page.getByRole('button', { name: 'Erase my account for good' }).click();
    await page.waitForURL(`${baseUrl}/settings/erased`);
    await page.getByRole('heading', { level: 1, name: 'Your account is erased' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: erin.name }).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(async () => (await fetch('/api/v1/me')).status), 401, 'signed out');

    // Content, as a colleague in the room reads it: GREEN stays without a name, AMBER is gone.
    const colleague = await tokenFor(server, WANJIRU.email);
    const history = await api<{
      items: { id: string; body: string; state: string; author: { name: string | null } }[];
    }>(server, colleague, 'GET', `/rooms/${room.id}/messages`);
    assert.equal(history.status, 200);
    const kept = history.body.items.find((m) => m.id === green);
    assert.equal(kept?.body, 'Erin green lesson on school networks');
    assert.equal(kept?.author.name, null, 'authored by a former member');
    assert.ok(!JSON.stringify(history.body).includes('Erin amber detail'), 'the AMBER message is deleted');
    assert.ok(!JSON.stringify(history.body).includes(erin.name), 'no name left');

    // The development sign-in no longer offers the erased person.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: /Nairobi/ }).click();
    await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
    assert.equal(await page.getByRole('button', { name: erin.name }).count(), 0);
    session.assertClean([
      { status: 400, path: '/api/v1/me/erasure' },
      { status: 401, path: '/api/v1/me' },
    ]);
  });

  it('shows the originator who accessed their AMBER+STRICT message', async () => {
    const { baseUrl, browser } = e2e();
    const server = e2e();
    const room = await createHubRoom(server, { name: 'Strict cell', ceiling: 'AMBER+STRICT' });
    const session = await openSession(browser, { viewport: WIDE });
    const { page } = session;
    await signInAtNairobi(page, baseUrl, newcomer('Olu Originator'), '/settings/access-log');
    await page.getByText('Nobody has accessed your AMBER+STRICT or RED material yet.').waitFor();
    await sendAs(page, room.id, 'Olu strict assessment of a venue', 'AMBER+STRICT');
    const colleague = await tokenFor(server, WANJIRU.email);
    assert.equal((await api(server, colleague, 'GET', `/rooms/${room.id}/messages`)).status, 200);
    await page.reload();
    const entry = page.getByRole('listitem').filter({ hasText: WANJIRU.name });
    await entry.first().waitFor();
    assert.match(await entry.first().innerText(), /viewed\s+your message[\s\S]*TLP:AMBER\+STRICT/);
    await assertAccessible(page, 'access log, 1280 px, English');
    await page.setViewportSize(PHONE);
    await assertAccessible(page, 'access log, 390 px, English');
    session.assertClean();
  });

  for (const [locale, heading, dataTitle, logTitle] of [
    ['fr-FR', 'Paramètres des notifications', 'Mes données', 'Qui a consulté mes contenus'],
    ['es-ES', 'Ajustes de notificaciones', 'Mis datos', 'Quién accedió a mi material'],
    ['ar', 'إعدادات الإشعارات', 'بياناتي', 'من اطّلع على موادّي'],
  ] as const)
    it(`reads in ${locale}${locale === 'ar' ? ', right to left, accessible at 1280 and 390 px' : ''}`, async () => {
      const { baseUrl, browser } = e2e();
      const session = await openSession(browser, { locale, viewport: WIDE });
      const { page } = session;
      await signInAtNairobi(page, baseUrl, newcomer(`Lina ${locale}`), '/settings/notifications');
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      const pages = [
        ['/settings/notifications', heading],
        ['/settings/data', dataTitle],
        ['/settings/access-log', logTitle],
      ] as const;
      for (const [path, title] of pages) {
        await page.goto(`${baseUrl}${path}`);
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        if (locale !== 'ar') continue;
        assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
        await page.setViewportSize(WIDE);
        await assertAccessible(page, `${path}, 1280 px, Arabic`);
        await page.setViewportSize(PHONE);
        await assertAccessible(page, `${path}, 390 px, Arabic`);
      }
      session.assertClean();
    });
});
