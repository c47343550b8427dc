/**
 * Files attached from the composers, in the browser against the real server: in a hub room, Wanjiru
 * opens "Attach files", picks a file (uploaded with its progress to the room's documents at the
 * message's label), is told before sending that a TLP:AMBER message cannot carry her TLP:GREEN file,
 * then sends it at TLP:GREEN; another member sees the file under the message live, downloads it byte
 * for byte, opens its document page and shares a copy into another space the sharing rules allow. The composer with its attach panel passes the axe-core check
 * in Arabic (right to left). A forum topic carries a file the same way.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { HUB_FORUM, setUpForums, signInThroughNairobi, WANJIRU } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi, type CreatedRoom } from './support/rooms.js';

const MEMBER = { name: 'Akinyi Wambui', email: 'akinyi.wambui@nairobi.example' };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Waits for the room's heading and composer. */
async function roomReady(page: Page, room: { name: string }): Promise<void> {
  await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

/** Opens the attach panel and picks `file`; waits until it is uploaded, checked and listed to send. */
async function attach(page: Page, file: string, chooser = 'File to attach'): Promise<void> {
  await page.getByRole('button', { name: /^Attach files/ }).click();
  await page.getByLabel(chooser, { exact: true }).setInputFiles(file);
  await page
    .getByRole('list', { name: 'Files to send' })
    .getByRole('button', { name: `Remove ${path.basename(file)}` })
    .waitFor({ timeout: 30_000 });
}

describe('attachments from the composers', function () {
  this.timeout(120_000);
  let dir = '';
  let room: CreatedRoom;
  const minutes = () => path.join(dir, 'circle-minutes.txt');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-attachments-'));
    writeFileSync(minutes(), 'Minutes of the prevention circle — محضر — acta.\n'.repeat(2000));
    room = await createHubRoom(e2e(), { name: 'Attachments circle' });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sends a file with a room message; another member gets it live, downloads it and opens its page', async () => {
    const { baseUrl, browser } = e2e();
    const [a, b] = await Promise.all([openSession(browser), openSession(browser)]);
    await signInAtNairobi(a.page, baseUrl, WANJIRU.name, `/rooms/${room.id}`);
    await signInAtNairobi(b.page, baseUrl, MEMBER, `/rooms/${room.id}`);
    await Promise.all([roomReady(a.page, room), roomReady(b.page, room)]);

    await attach(a.page, minutes());
    // Raising the message above its file is refused before anything is sent, in words.
    await a.page.getByLabel('Label', { exact: true }).selectOption('AMBER');
    const box = a.page.getByLabel('Message', { exact: true });
    await box.fill('Minutes attached');
    await box.press('Enter');
    await a.page
      .getByText('A file labelled TLP:GREEN cannot go with a message or post labelled TLP:AMBER', {
        exact: false,
      })
      .waitFor();
    assert.equal(await box.inputValue(), 'Minutes attached', 'nothing was sent or lost');

    await a.page.getByLabel('Label', { exact: true }).selectOption('GREEN');
    await box.press('Enter');
    const seen = b.page.getByRole('article').filter({ hasText: 'Minutes attached' });
    const files = seen.getByRole('list', { name: 'Attached files' });
    await files.getByRole('link', { name: 'circle-minutes', exact: true }).waitFor();
    assert.match(await files.innerText(), /TLP:GREEN/);

    const [download] = await Promise.all([
      b.page.waitForEvent('download'),
      files.getByRole('link', { name: /^Download/ }).click(),
    ]);
    const saved = await download.path();
    assert.ok(saved, 'the download was saved');
    assert.equal(sha256(saved), sha256(minutes()), 'the file received is the file sent, byte for byte');

    await files.getByRole('link', { name: 'circle-minutes', exact: true }).click();
    await b.page.getByRole('heading', { level: 1, name: 'circle-minutes' }).waitFor();

    // From its page the file is shared onward: a copy, same label, in a space the rules allow.
    const share = b.page.getByRole('region', { name: 'Share to another space' });
    await share.getByRole('button', { name: 'Share a copy' }).click();
    await share.getByText('Choose the space to share the document into.').waitFor();
    const options = await share.getByLabel('Space').locator('option').allTextContents();
    assert.ok(options.length > 1, `spaces are offered: ${options.join(', ')}`);
    const destination = options[1] ?? '';
    await share.getByLabel('Space').selectOption({ label: destination });
    await share.getByRole('button', { name: 'Share a copy' }).click();
    await share.getByText(`A copy was shared in ${destination}.`).waitFor();
    await share.getByRole('link', { name: 'Open the copy' }).click();
    await b.page.getByRole('heading', { level: 1, name: 'circle-minutes' }).waitFor();
    await b.page
      .getByRole('link', { name: new RegExp(destination) })
      .first()
      .waitFor();
    a.assertClean();
    b.assertClean();
  });

  it('keeps the composer with its attach panel accessible in Arabic, right to left', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar' });
    await signInAtNairobi(session.page, baseUrl, WANJIRU.name, `/rooms/${room.id}`);
    await session.page.locator('html[dir="rtl"]').waitFor();
    await session.page.getByRole('button', { name: /^إرفاق ملفات/ }).click();
    await session.page.getByLabel('الملف المراد إرفاقه', { exact: true }).waitFor();
    await assertAccessible(session.page, 'room composer with the attach panel, Arabic');
    session.assertClean();
  });

  it('starts a forum topic that carries a file', async () => {
    const server = e2e();
    await setUpForums(server);
    const session = await openSession(server.browser);
    const { page } = session;
    await signInThroughNairobi(
      page,
      server.baseUrl,
      `/forums/${HUB_FORUM.slug}/${HUB_FORUM.category}`,
      WANJIRU,
    );
    await page.getByRole('link', { name: 'Start a new topic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start a new topic' }).waitFor();
    await page.getByLabel('Title').fill('Minutes of the circle');
    await page.getByLabel('Your message').fill('The minutes are attached.');
    await attach(page, minutes());
    await page.getByRole('button', { name: 'Post the topic' }).click();
    await page.getByRole('heading', { level: 1, name: 'Minutes of the circle' }).waitFor();
    await page
      .getByRole('list', { name: 'Attached files' })
      .getByRole('link', { name: 'circle-minutes', exact: true })
      .waitFor();
    session.assertClean();
  });
});
