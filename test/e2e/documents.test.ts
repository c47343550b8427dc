/**
 * Document exchange in the browser against the real server: a demo practitioner opens a space's
 * documents page and uploads a 6 MB UTF-8 text file through the page with tus (progress bar shown);
 * the link drops part-way (the page says it is reconnecting) and the upload resumes by itself from
 * where it stopped (one creation, then HEAD and PATCH, never a second creation) and ends available;
 * the download through the document page is byte for byte the file sent. A program renamed .txt and a
 * web page named .pdf are refused, in words. The pages pass the axe-core check at 1280 and 390 px in
 * English and Arabic (right to left, nothing wider than the phone), and speak French and Spanish. An
 * upload pauses, resumes and is cancelled (keyboard, focus kept); a second version with a note raises
 * the label.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession, WENT_OFFLINE, type Session } from './support/page.js';
import { adminApi, type CreatedRoom } from './support/rooms.js';

const suffix = Date.now().toString(36);
const PRACTITIONER = DEMO_PEOPLE.practitioner.name; // Lucía Fernández, Catalonia (Europe hub)
const SPACE_NAME = `Europe youth exchange ${suffix}`;

/** The English file reasons (client/src/locales/documents/en.json), to recognise a translated refusal. */
const EN_STRINGS = JSON.parse(
  readFileSync(new URL('../../client/src/locales/documents/en.json', import.meta.url), 'utf8'),
) as { documents: { reasons: Record<string, string> } };

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** About 6 MB of valid UTF-8 text in three scripts, one numbered line after another. */
function writeBigText(file: string): void {
  const lines: string[] = [];
  let bytes = 0;
  for (let n = 1; bytes < 6_000_000; n++) {
    const line = `${String(n).padStart(6, '0')} Plan d'action jeunesse — خطة عمل الشباب — plan de acción juvenil.\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
  }
  writeFileSync(file, lines.join(''));
}

/** A minimal Windows program header (MZ, PE), saved under a .txt name. */
function writeProgram(file: string): void {
  const bytes = Buffer.alloc(2048);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84); // i386
  writeFileSync(file, bytes);
}

/** Signs `name` in through the development chooser and opens `path`, in `locale` at `width` px. */
async function signedIn(path: string, options: { locale?: string; width?: number } = {}): Promise<Session> {
  const { baseUrl, browser } = e2e();
  const session = await openSession(browser, {
    locale: options.locale ?? 'en-GB',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  await signInFromChooser(session.page, baseUrl, PRACTITIONER, path);
  return session;
}

/** The progress bar's share done (0 to 1), or -1 when there is none. */
const progressShare = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector<HTMLProgressElement>('.upload-progress progress');
    return bar ? bar.value / bar.max : -1;
  });

/** Slows the page's uplink to 1.5 MB/s, so that there is time to act while a file goes up. */
async function slowUplink(session: Session): Promise<void> {
  const cdp = await session.context.newCDPSession(session.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 1_500_000,
  });
}

/** Waits until the upload's bar shows more than `share` (0 to 1) done. */
async function pastShare(page: Page, share: number): Promise<void> {
  await page.waitForFunction(
    (least) => {
      const bar = document.querySelector<HTMLProgressElement>('.upload-progress progress');
      return !!bar && bar.value / bar.max > least;
    },
    share,
    { timeout: 60_000 },
  );
}

/** Chooses `file` in the new-document form and sends it (title as the form proposes). */
async function upload(page: Page, file: string): Promise<void> {
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  const title = path.basename(file).replace(/\.[^.]+$/, '');
  assert.equal(
    await page.getByLabel('Title', { exact: true }).inputValue(),
    title,
    'the title comes from the file name',
  );
  await page.getByRole('button', { name: 'Upload the document' }).click();
}

describe('documents', function () {
  this.timeout(180_000);
  let dir = '';
  let space: CreatedRoom;
  let documentPath = '';
  const big = () => path.join(dir, 'youth-plan.txt');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-documents-'));
    writeBigText(big());
    writeProgram(path.join(dir, 'tool.txt'));
    writeFileSync(
      path.join(dir, 'report.pdf'),
      '<!DOCTYPE html>\n<html><head><title>Report</title></head><body><script>alert(1)</script></body></html>\n',
    );
    space = await adminApi<CreatedRoom>(e2e(), 'POST', '/spaces', {
      slug: `europe-youth-${suffix}`,
      name: SPACE_NAME,
      kind: 'hub',
      hub: 'europe',
      ceiling: 'AMBER',
      defaultLabel: 'GREEN',
      chathamHouse: false,
    });
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('uploads 6 MB through the page, resumes by itself after the link drops, and downloads it byte for byte', async () => {
    const session = await signedIn(`/spaces/${space.slug}/documents`);
    const { page, context } = session;
    await page.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    const settings = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/uploads/settings')).json()) as { scanned: boolean; chunkBytes: number },
    );
    if (!settings.scanned)
      await page.getByText('Files are not scanned for viruses on this server.').first().waitFor();
    await page.getByText('No documents have been shared in this space yet.').waitFor();

    // What goes over the wire to the tus endpoint: one creation, then only HEAD and PATCH.
    const tus: string[] = [];
    const isTus = (url: string, method: string) =>
      new URL(url).pathname.startsWith('/api/v1/uploads') && method !== 'GET';
    page.on('request', (request) => {
      if (isTus(request.url(), request.method())) tus.push(request.method());
    });
    const trace: string[] = [];
    page.on('requestfailed', (r) => {
      if (isTus(r.url(), r.method())) trace.push(`${r.method()} failed ${r.failure()?.errorText ?? ''}`);
    });
    page.on('response', async (r) => {
      if (!isTus(r.url(), r.request().method())) return;
      const code = r.status() >= 400 ? ((await r.json().catch(() => ({}))) as { code?: string }).code : '';
      trace.push(`${r.request().method()} ${r.status()}${code ? ` ${code}` : ''}`);
    });
    // A slow uplink, so there is time to drop the link part-way.
    await slowUplink(session);

    await upload(page, big());
    const bar = page.getByLabel(/^Uploading/);
    await bar.waitFor();
    assert.equal(await bar.evaluate((element) => element.tagName), 'PROGRESS');
    await pastShare(page, 0.2);
    await page.getByText(/\d+% – [\d.]+ MB of 6 MB/).waitFor();
    await session.screenshot('documents-uploading-en');

    // The link drops: the page says it is reconnecting, keeps what was sent, and goes on by itself.
    await context.setOffline(true);
    await page.getByText('The connection was lost. Reconnecting…', { exact: false }).waitFor();
    const atDrop = await progressShare(page);
    assert.ok(atDrop > 0.2 && atDrop < 1, `the upload was part-way when the link dropped (${atDrop})`);
    await page.waitForTimeout(1500);
    assert.ok((await progressShare(page)) >= atDrop - 0.2, 'the bar does not start again from nothing');
    await context.setOffline(false);

    const outcome = page.locator('.upload-outcome');
    await outcome
      .filter({ hasText: 'youth-plan is ready' })
      .waitFor({ timeout: 90_000 })
      .catch(async (error: unknown) => {
        await session.screenshot('documents-upload-unfinished');
        throw new Error(`The upload did not finish; the tus exchange was: ${trace.join(', ')}`, {
          cause: error,
        });
      });
    assert.ok(
      await page.evaluate(() => document.activeElement?.classList.contains('upload-outcome') ?? false),
      'focus moves to the outcome',
    );
    if (!settings.scanned)
      await outcome.getByText('It was not scanned for viruses.', { exact: false }).waitFor();
    assert.equal(tus.filter((method) => method === 'POST').length, 1, `one creation only: ${tus.join(' ')}`);
    assert.ok(
      tus.includes('HEAD'),
      `the upload resumed from the server's offset: ${tus.join(' ')} / ${trace.join(', ')}`,
    );
    assert.ok(
      tus.filter((method) => method === 'PATCH').length >= 2,
      `more than one chunk: ${tus.join(' ')}`,
    );

    // The list shows it; the document page downloads it, byte for byte.
    const item = page.getByRole('list').getByRole('link', { name: 'youth-plan', exact: true });
    await item.waitFor();
    await assertAccessible(page, 'documents page after an upload (en, 1280)');
    await page.getByRole('link', { name: 'Open youth-plan' }).click();
    await page.waitForURL((url) => /^\/documents\/[a-f0-9]{24}$/.test(url.pathname));
    documentPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'youth-plan' }).waitFor();
    await page.getByText('TLP:GREEN').first().waitFor();
    await page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download youth-plan.txt', exact: true }).click(),
    ]);
    const saved = await download.path();
    assert.ok(saved, 'the download was saved');
    assert.equal(sha256(saved), sha256(big()), 'the download is the file sent, byte for byte');
    const [again] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download version 1 youth-plan.txt', exact: true }).click(),
    ]);
    assert.equal(sha256((await again.path()) ?? ''), sha256(big()), 'version 1 downloads the same bytes');
    await assertAccessible(page, 'document page (en, 1280)');
    await session.screenshot('documents-document-en');
    session.assertClean([WENT_OFFLINE]);
  });

  it('refuses a program renamed .txt and a web page named .pdf, saying why', async () => {
    const session = await signedIn(`/spaces/${space.slug}/documents`);
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    const reasons = Object.values(EN_STRINGS.documents.reasons);
    const refused = page
      .locator('.form-alert, .upload-outcome')
      .filter({ hasText: /was refused: / })
      .filter({
        hasText: new RegExp(reasons.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')),
      });
    const refusals: { status: number; path: string }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && url.pathname.startsWith('/api/v1/'))
        refusals.push({ status: response.status(), path: url.pathname });
    });

    for (const name of ['tool.txt', 'report.pdf']) {
      await upload(page, path.join(dir, name));
      await refused.first().waitFor({ timeout: 30_000 });
      const said = (await refused.first().textContent()) ?? '';
      assert.doesNotMatch(said, /\{\{|documents\./, `${name}: translated, no key shown`);
      if (name === 'tool.txt') await session.screenshot('documents-refused-en');
      // The form stays usable for the next file.
      await page.getByRole('button', { name: 'Upload the document' }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    }
    session.assertClean(refusals);
  });

  it('pauses, resumes and cancels an upload, which then leaves no document', async () => {
    const session = await signedIn(`/spaces/${space.slug}/documents`);
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    const file = path.join(dir, 'draft-to-cancel.txt');
    writeFileSync(file, readFileSync(big()));
    await slowUplink(session);
    await upload(page, file);
    await pastShare(page, 0.1);
    const toggle = page.locator('.upload-progress__actions button').first();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByText('Paused. Press Resume to go on from where it stopped.').waitFor();
    assert.equal(await toggle.textContent(), 'Resume');
    assert.ok(
      await toggle.evaluate((button) => button === document.activeElement),
      'focus stays on the button',
    );
    const paused = await progressShare(page);
    await page.waitForTimeout(1000);
    assert.equal(await progressShare(page), paused, 'nothing moves while paused');
    await toggle.press('Enter');
    await pastShare(page, paused + 0.05);
    await page.getByRole('button', { name: 'Cancel the upload' }).click();
    await page.getByText('The upload of draft-to-cancel.txt was cancelled.').waitFor();
    assert.ok(
      await page.evaluate(() => document.activeElement?.classList.contains('upload-outcome') ?? false),
      'focus moves to the notice',
    );
    // Ended on the server too (tus termination, with the CSRF token): no document is left of it.
    await page.reload();
    await page.getByRole('link', { name: 'youth-plan', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'draft-to-cancel', exact: true }).count(), 0);
    session.assertClean();
  });

  it('passes the accessibility check at 1280 and 390 px, in English and Arabic', async function () {
    this.timeout(240_000);
    assert.ok(documentPath, 'the document of the first test');
    for (const locale of ['en-GB', 'ar']) {
      const session = await signedIn(`/spaces/${space.slug}/documents`, { locale });
      const { page } = session;
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        for (const target of [`/spaces/${space.slug}/documents`, documentPath]) {
          await page.goto(`${e2e().baseUrl}${target}`);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.waitForFunction(
            () => !/Loading…|جارٍ التحميل…/.test(document.querySelector('main')?.textContent ?? ''),
          );
          await assertAccessible(page, `${target} (${locale}, ${width})`);
          const layout = await page.evaluate(() => ({
            dir: document.documentElement.dir,
            overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          }));
          assert.ok(layout.overflow <= 1, `${target} (${locale}, ${width}) is no wider than the screen`);
          if (locale === 'ar') assert.equal(layout.dir, 'rtl', `${target} is right to left in Arabic`);
        }
      }
      if (locale === 'ar') {
        await page.goto(`${e2e().baseUrl}/spaces/${space.slug}/documents`);
        await page.getByRole('heading', { level: 1, name: `مستندات ${SPACE_NAME}` }).waitFor();
        await page.getByRole('heading', { level: 2, name: 'رفع مستند' }).waitFor();
        await page.getByLabel('الملف', { exact: true }).waitFor();
        await session.screenshot('documents-ar-390');
      }
      session.assertClean();
    }
  });

  it('speaks French and Spanish', async () => {
    const french = await signedIn(`/spaces/${space.slug}/documents`, { locale: 'fr-FR' });
    await french.page.getByRole('heading', { level: 1, name: `Documents de ${SPACE_NAME}` }).waitFor();
    await french.page.getByRole('heading', { level: 2, name: 'Envoyer un document' }).waitFor();
    await french.page.getByLabel('Fichier', { exact: true }).waitFor();
    await french.page.getByLabel('Marquage', { exact: true }).waitFor();
    await french.page.getByRole('button', { name: 'Envoyer le document' }).waitFor();
    await french.page.getByRole('link', { name: 'youth-plan', exact: true }).waitFor();
    await french.page.getByText('Disponible').first().waitFor();
    french.assertClean();

    assert.ok(documentPath, 'the document of the first test');
    const spanish = await signedIn(documentPath, { locale: 'es-ES' });
    await spanish.page.getByRole('heading', { level: 1, name: 'youth-plan' }).waitFor();
    await spanish.page.getByRole('heading', { level: 2, name: 'Versiones' }).waitFor();
    await spanish.page.getByRole('heading', { level: 2, name: 'Subir una nueva versión' }).waitFor();
    await spanish.page.getByRole('link', { name: 'Descargar youth-plan.txt', exact: true }).waitFor();
    spanish.assertClean();
  });
  it('adds a new version with a note and a raised label', async () => {
    assert.ok(documentPath, 'the document of the first test');
    const session = await signedIn(documentPath);
    const { page } = session;
    await page.getByRole('heading', { level: 2, name: 'Upload a new version' }).waitFor();
    const file = path.join(dir, 'youth-plan-v2.txt');
    writeFileSync(file, 'Second version: the figures of the second quarter.\n');
    await page.getByLabel('File', { exact: true }).setInputFiles(file);
    await page.getByLabel('What changed').fill('Second-quarter figures added.');
    await page.getByLabel('Label of the new version').selectOption('AMBER');
    await page.getByRole('button', { name: 'Upload the new version' }).click();
    await page
      .locator('.upload-outcome')
      .filter({ hasText: 'youth-plan is ready' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { level: 3, name: 'Version 2: youth-plan-v2.txt' }).waitFor();
    await page.getByText('Second-quarter figures added.').waitFor();
    await page.locator('.document-page__label').getByText('TLP:AMBER').waitFor();
    await page.getByRole('link', { name: 'Download youth-plan-v2.txt', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Download version 1 youth-plan.txt', exact: true }).waitFor();
    session.assertClean();
  });
});
