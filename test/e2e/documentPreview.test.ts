/**
 * The light preview of a PDF in the browser: Wanjiru uploads a two-page PDF through the documents
 * page; its page then shows "Preview" with both pages drawn as images (alt text naming the page), which
 * the browser loads; the page passes the axe-core check.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pdfWithText } from '../server/files/fixtures.js';
import { assertAccessible } from './support/axe.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom, signInAtNairobi } from './support/rooms.js';

describe('documents: the preview of a PDF', function () {
  this.timeout(90_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-preview-'));
    writeFileSync(path.join(dir, 'ward-report.pdf'), pdfWithText(['Ward report, first page', 'Second page']));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the first pages of an uploaded PDF as images on its page', async () => {
    const { baseUrl, browser } = e2e();
    const space = await createHubRoom(e2e(), { name: 'Preview circle' });
    const session = await openSession(browser);
    const { page } = session;
    await signInAtNairobi(page, baseUrl, 'Wanjiru Kamau', `/spaces/${space.slug}/documents`);
    await page.getByLabel('File', { exact: true }).setInputFiles(path.join(dir, 'ward-report.pdf'));
    await page.getByRole('button', { name: 'Upload the document' }).click();
    await page
      .getByRole('link', { name: /ward-report/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'ward-report' }).waitFor();
    // The pages are drawn in the background just after the upload: read the page again until they are there.
    for (let tries = 0; tries < 20; tries++) {
      if ((await page.getByRole('heading', { name: 'Preview' }).count()) > 0) break;
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'ward-report' }).waitFor();
    }
    const images = page.getByRole('img', { name: /^Page \d of ward-report$/ });
    await images.nth(1).waitFor();
    assert.equal(await images.count(), 2);
    await images.nth(1).scrollIntoViewIfNeeded(); // loaded as they come into view
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('.document-preview img')].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    await assertAccessible(page, 'document page with its preview');
    session.assertClean();
  });
});
