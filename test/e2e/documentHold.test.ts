/**
 * A moderator's hold on a document, in the browser against the real server: Nairobi's focal point
 * uploads a document; Joseph Mwangi, a moderator, opens it, is told to give a reason when he sends the
 * hold form empty, places the hold with one and sees "Held by moderation: <reason>" with the button to
 * lift it (focused); the uploader sees the hold and no control. In Arabic the section reads right to
 * left. Each step passes the axe-core check; the moderator lifts the hold at the end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession, type Session } from './support/page.js';
import { adminApi, type CreatedRoom } from './support/rooms.js';

const suffix = Date.now().toString(36);
const SPACE_NAME = `Nairobi safe markets ${suffix}`;
const REASON = 'Evidence for the market fire inquiry';

describe('a moderation hold on a document page', function () {
  this.timeout(180_000);
  let dir = '';
  let space: CreatedRoom;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'concordia-hold-'));
    writeFileSync(
      path.join(dir, 'market-audit.txt'),
      'Exits, lighting and stalls of the market. '.repeat(200),
    );
    space = await adminApi<CreatedRoom>(e2e(), 'POST', '/spaces', {
      slug: `nairobi-safe-markets-${suffix}`,
      name: SPACE_NAME,
      kind: 'hub',
      hub: 'east-southern-africa',
      ceiling: 'AMBER',
      defaultLabel: 'GREEN',
      chathamHouse: false,
    });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A signed-in session of demo person `name` at `where`, in `locale`. */
  async function signedIn(name: string, where: string, locale = 'en-GB'): Promise<Session> {
    const session = await openSession(e2e().browser, { locale, viewport: { width: 1280, height: 900 } });
    await signInFromChooser(session.page, e2e().baseUrl, name, where);
    return session;
  }

  it('lets a moderator place a hold with a reason, shows it to readers, and lifts it', async () => {
    const uploader = await signedIn(DEMO_PEOPLE.focalPoint.name, `/spaces/${space.slug}/documents`);
    const up = uploader.page;
    await up.getByRole('heading', { level: 1, name: `Documents of ${SPACE_NAME}` }).waitFor();
    await up.getByLabel('File', { exact: true }).setInputFiles(path.join(dir, 'market-audit.txt'));
    await up.getByRole('button', { name: 'Upload the document' }).click();
    await up
      .locator('.upload-outcome')
      .filter({ hasText: 'market-audit is ready' })
      .waitFor({ timeout: 60_000 });
    await up.getByRole('link', { name: 'Open market-audit' }).click();
    await up.waitForURL((url) => /^\/documents\/[a-f0-9]{24}$/.test(url.pathname));
    const documentPath = new URL(up.url()).pathname;
    const retention = up.getByRole('region', { name: 'Retention' });
    await retention
      .getByText('Its label has no retention period: it is kept until someone deletes it.')
      .waitFor();
    assert.equal(await retention.getByRole('button').count(), 0, 'not theirs to hold');

    const moderator = await signedIn(DEMO_PEOPLE.moderator.name, documentPath);
    const mod = moderator.page;
    await mod.getByRole('heading', { level: 1, name: 'market-audit' }).waitFor();
    const section = mod.getByRole('region', { name: 'Retention' });
    await section.getByRole('button', { name: 'Place a hold…' }).click();
    const reason = section.getByLabel('Reason for the hold');
    assert.ok(await reason.evaluate((input) => input === document.activeElement), 'the reason takes focus');
    await section.getByRole('button', { name: 'Place the hold' }).click();
    await section.getByRole('alert').getByText('Give the reason for the hold.').waitFor();
    await assertAccessible(mod, 'hold form with its error (en, 1280)');
    await reason.fill(REASON);
    await section.getByRole('button', { name: 'Place the hold' }).click();
    await section.getByRole('status').getByText('The hold is placed.').waitFor();
    await section.getByText(`Held by moderation: ${REASON}`).waitFor();
    const lift = section.getByRole('button', { name: 'Lift the hold' });
    await lift.waitFor();
    await mod.waitForFunction(() => document.activeElement?.textContent === 'Lift the hold');
    await assertAccessible(mod, 'held document (en, 1280)');
    await moderator.screenshot('document-held-en');

    // The uploader, reading again, sees the hold and its reason.
    await up.reload();
    await up.getByRole('region', { name: 'Retention' }).getByText(`Held by moderation: ${REASON}`).waitFor();
    assert.equal(await up.getByRole('region', { name: 'Retention' }).getByRole('button').count(), 0);
    uploader.assertClean();

    // In Arabic, right to left.
    const arabic = await signedIn(DEMO_PEOPLE.moderator.name, documentPath, 'ar');
    const ar = arabic.page;
    const arSection = ar.getByRole('region', { name: 'مدة الاحتفاظ' });
    await arSection.getByText(`معلّق الحذف بقرار من الإشراف:`, { exact: false }).waitFor();
    assert.equal(await ar.evaluate(() => document.documentElement.dir), 'rtl');
    await arSection.getByRole('button', { name: 'رفع التعليق' }).waitFor();
    await assertAccessible(ar, 'held document (ar, 1280)');
    await arabic.screenshot('document-held-ar');
    arabic.assertClean();

    await lift.click();
    await section.getByRole('status').getByText('The hold is lifted', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Place a hold…' }).waitFor();
    moderator.assertClean();
  });
});
