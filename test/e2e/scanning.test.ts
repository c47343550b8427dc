/**
 * Virus scanning in the browser, on a second server that has a real clamd (the suite's shared server
 * runs without one, as a newcomer's first start does): the practitioner's EICAR upload is held for the
 * moderators and a file too large for the scanner waits for a decision; a moderator releases it with a
 * reason, and it then downloads byte for byte; the admins' files page names the scanner.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EICAR, startTestClamd, type TestClamd } from '../support/clamd.js';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession, type Session } from './support/page.js';
import { adminApi, type CreatedRoom } from './support/rooms.js';
import { startServer, type RunningServer } from './support/server.js';

const SCANNER_LIMIT = 64 * 1024;
const suffix = Date.now().toString(36);
const SPACE_NAME = `East Africa safety exchange ${suffix}`;

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Uploads `file` as a new document from the space's documents page. */
async function upload(page: Page, file: string): Promise<void> {
  await page.getByLabel('File', { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Upload the document' }).click();
}

describe('virus scanning in the browser (a second server, with a real clamd)', function () {
  this.timeout(240_000);
  let clamd: TestClamd | undefined;
  let server: RunningServer | undefined;
  let space: CreatedRoom;
  let dir = '';

  before(async function () {
    this.timeout(180_000);
    clamd = await startTestClamd({ streamMaxLength: '64K' });
    server = await startServer({ CLAMD_URL: clamd.url, CLAMD_STREAM_MAX_BYTES: String(SCANNER_LIMIT) });
    space = await adminApi<CreatedRoom>({ baseUrl: server.url, dataDir: server.dataDir }, 'POST', '/spaces', {
      slug: `east-africa-safety-${suffix}`,
      name: SPACE_NAME,
      kind: 'hub',
      hub: 'east-southern-africa',
      ceiling: 'AMBER',
      defaultLabel: 'GREEN',
      chathamHouse: false,
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-scanning-'));
    writeFileSync(path.join(dir, 'eicar-test.txt'), EICAR);
    writeFileSync(
      path.join(dir, 'site-survey.txt'),
      'Survey of the community centre: entrances, lighting, cameras. '.repeat(2000),
    );
  });
  after(async () => {
    await server?.stop();
    await clamd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in session of demo person `name` on the scanning server, at `where`. */
  async function signedIn(name: string, where: string): Promise<Session> {
    const session = await openSession(e2e().browser, { viewport: { width: 1280, height: 900 } });
    await signInFromChooser(session.page, server!.url, name, where);
    return session;
  }

  it('holds EICAR, keeps a file too large to scan for a moderator, who releases it with a reason', async () => {
    // Nairobi's focal point uploads; Joseph Mwangi coordinates the hub, so moderates and reads it.
    const uploader = await signedIn(DEMO_PEOPLE.focalPoint.name, `/spaces/${space.slug}/documents`);
    const { page } = uploader;
    await page.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    assert.equal(
      await page.getByText('Files are not scanned for viruses on this server.').count(),
      0,
      'this server scans',
    );

    // The resumable upload's last part is answered with the refusal (400): expected on the console.
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 400) refused.push(new URL(r.url()).pathname);
    });
    await upload(page, path.join(dir, 'eicar-test.txt'));
    await page
      .getByText(
        'The virus scanner found a threat in the file: it is held for moderators, and nobody can download it.',
      )
      .waitFor({ timeout: 60_000 });

    await page.reload();
    await upload(page, path.join(dir, 'site-survey.txt'));
    await page
      .locator('.upload-outcome')
      .getByText("site-survey is waiting for a moderator's decision: the file could not be scanned.", {
        exact: false,
      })
      .waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Open site-survey' }).click();
    await page.waitForURL((url) => /^\/documents\/[a-f0-9]{24}$/.test(url.pathname));
    const documentPath = new URL(page.url()).pathname;
    await page.getByText('Waiting for a moderator').first().waitFor();
    await page.getByText('Too large for the virus scanner', { exact: false }).waitFor();
    assert.equal(await page.getByRole('link', { name: /^Download/ }).count(), 0, 'nothing to download yet');
    assert.equal(
      await page.getByRole('button', { name: /^Release version/ }).count(),
      0,
      'not theirs to release',
    );
    uploader.assertClean(refused.map((where) => ({ status: 400, path: where })));

    // The moderator finds it in the review queue, opens its record, then the document.
    const moderator = await signedIn(DEMO_PEOPLE.moderator.name, '/moderation');
    const mod = moderator.page;
    await mod.getByRole('link', { name: `Review flag for Too large to scan in ${SPACE_NAME}` }).click();
    await mod.getByRole('heading', { level: 2, name: `Document · ${SPACE_NAME}` }).waitFor();
    await mod.getByRole('link', { name: 'Open it where it lives' }).click();
    await mod.waitForURL((url) => url.pathname === documentPath);
    await mod.getByRole('heading', { level: 1, name: 'site-survey' }).waitFor();
    await mod.getByRole('button', { name: 'Release version 1…' }).click();
    await mod.getByRole('button', { name: 'Release this version' }).click();
    await mod.getByText('Give the reason for releasing this version.').waitFor();
    await assertAccessible(mod, 'release form with its error (en, 1280)');
    await mod.getByLabel('Reason for releasing it').fill('Checked by hand: a site survey, text only');
    await mod.getByRole('button', { name: 'Release this version' }).click();
    const download = mod.getByRole('link', { name: 'Download site-survey.txt', exact: true });
    await download.waitFor();
    const [file] = await Promise.all([mod.waitForEvent('download'), download.click()]);
    assert.equal(sha256((await file.path()) ?? ''), sha256(path.join(dir, 'site-survey.txt')));
    moderator.assertClean();

    const admin = await signedIn(DEMO_PEOPLE.admin.name, '/admin/files');
    const files = admin.page;
    await files.getByRole('heading', { level: 1, name: 'Files and virus scanning' }).waitFor();
    await files.getByText(/^Every file is scanned as it arrives\. Scanner and signatures: ClamAV /).waitFor();
    const counts = files.getByRole('article', { name: 'Stored files' });
    const held = counts.getByText('Infected files held for the moderators', { exact: true });
    assert.equal(await held.locator('xpath=following-sibling::dd[1]').textContent(), '1');
    await assertAccessible(files, 'admin files page with a scanner (en, 1280)');
    admin.assertClean();
  });
});
