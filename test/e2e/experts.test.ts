/**
 * The Expert Pool's profiles in the browser against the real server (issue 14, part 1): a demo expert
 * reaches their profile from the sidebar, sees a clear field error for a bad country, then saves a
 * changed profile (which asks for a new verification); a member finds them in the directory by topic
 * and language and sees no private part and no verify control; an admin verifies them with a
 * clearance; and both pages pass axe at 1280 and 390 px in English and Arabic (right to left), with
 * the French and Spanish strings shown.
 */
import assert from 'node:assert/strict';
import { assertAccessible } from './support/axe.js';
import { loaded, signedIn, status } from './support/demoPages.js';
import { DEMO_PEOPLE } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';

/** The demo expert this test edits (the demo's matching expert, Claire Dubois, is left as seeded). */
const PRIYA = { name: 'Priya Raman', email: 'priya.expert@demo.concordia.example' };

describe('expert profiles and the experts directory', () => {
  let priyaId = '';

  it('lets an expert reach and save their profile, with a clear error for a bad country', async function () {
    this.timeout(120_000);
    const session = await signedIn(PRIYA.name, '/');
    const { page } = session;
    // The sidebar offers the profile from the server's capability flag.
    await page.getByRole('complementary').getByRole('link', { name: 'My expert profile' }).click();
    await page.waitForURL((url) => url.pathname === '/expert-profile');
    await page.getByRole('heading', { level: 1, name: 'My expert profile' }).waitFor();
    await loaded(page);
    const topics = page.getByRole('group', { name: 'Topics I advise on' });
    assert.equal(await topics.getByRole('checkbox', { name: 'Women-led prevention' }).isChecked(), true);
    await topics.getByRole('checkbox', { name: 'Schools' }).check();
    await page.getByRole('button', { name: 'Add a language' }).click();
    await page.getByLabel('Language 4', { exact: true }).selectOption('es');
    await page.getByLabel('Level in language 4').selectOption('working');
    await page
      .getByRole('group', { name: 'Formats I offer' })
      .getByRole('checkbox', { name: 'Remote advice' })
      .check();
    await page.getByLabel('Countries of experience').fill('BD, IN, KE, ZZ');
    await page.getByRole('button', { name: 'Save my profile' }).click();
    await page.locator('#expert-profile-alert').waitFor();
    const countries = page.getByLabel('Countries of experience');
    assert.equal(await countries.getAttribute('aria-invalid'), 'true');
    const described = (await countries.getAttribute('aria-describedby')) ?? '';
    assert.match(
      await page.locator(`#${described.split(' ')[0]}`).innerText(),
      /Use two-letter country codes such as KE or FR/,
    );

    await countries.fill('BD, IN, KE, ES');
    await page.getByRole('button', { name: 'Save my profile' }).click();
    await status(page, 'Your profile is saved. The Management Unit will verify it.').waitFor();
    assert.equal(await countries.getAttribute('aria-invalid'), null);
    priyaId = await page.evaluate(
      async () => ((await (await fetch('/api/v1/me')).json()) as { person: { id: string } }).person.id,
    );
    // The settings area links the profile too (for experts only).
    await page.goto(`${e2e().baseUrl}/settings/notifications`);
    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'My expert profile' })
      .waitFor();
    session.assertClean([{ status: 400, path: '/api/v1/me/expert-profile' }]);
  });

  it('lets a member find the expert by topic and language, without private fields or a verify control', async function () {
    this.timeout(120_000);
    assert.ok(priyaId, 'the first test saved the profile');
    const session = await signedIn(DEMO_PEOPLE.practitioner.name, '/');
    const { page } = session;
    const sidebar = page.getByRole('complementary');
    await sidebar.getByRole('link', { name: 'Experts', exact: true }).waitFor();
    // Not an expert: no profile link.
    assert.equal(await sidebar.getByRole('link', { name: 'My expert profile' }).count(), 0);
    await sidebar.getByRole('link', { name: 'Experts', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/experts');
    await loaded(page);
    const filters = page.getByRole('group', { name: 'Find an expert' });
    await filters.getByLabel('Topic').selectOption('schools');
    await filters.getByLabel('Language', { exact: true }).selectOption('es');
    await page.getByRole('button', { name: 'Show experts' }).click();
    await status(page, 'Experts shown: 2').waitFor();
    const card = page.getByRole('article', { name: PRIYA.name });
    await card.waitFor();
    await card.getByText('Spanish (Working)').waitFor();
    assert.equal(await card.getByText('Not verified').count(), 1);
    assert.equal(await page.getByText('Declared conflicts').count(), 0);
    assert.equal(await page.getByText('Clearance').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save the verification' }).count(), 0);
    // Claire (French, Spanish, schools) is found too; her conflicts stay hidden.
    await page.getByRole('article', { name: 'Claire Dubois' }).waitFor();
    assert.equal(await page.getByText('Lyon Youth Trust').count(), 0);
    session.assertClean();
  });

  it('lets an admin verify the expert and set a clearance', async function () {
    this.timeout(120_000);
    const session = await signedIn(DEMO_PEOPLE.admin.name, `/experts/${priyaId}`);
    const { page } = session;
    await loaded(page);
    await page.getByRole('heading', { level: 1, name: PRIYA.name }).waitFor();
    const control = page.getByRole('group', { name: `Verification of ${PRIYA.name}` });
    await control.getByRole('checkbox', { name: 'Verified' }).check();
    await control.getByLabel('Clearance').selectOption('AMBER');
    await control.getByRole('button', { name: 'Save the verification' }).click();
    await status(page, `Verification of ${PRIYA.name} saved.`).waitFor();
    await page.locator('.expert-badge--verified').waitFor();
    // The private part is shown to the Management Unit.
    await page.getByText('Declared conflicts').waitFor();
    session.assertClean();
  });

  it('passes axe on both pages at 1280 and 390 px in English and Arabic (right to left)', async function () {
    this.timeout(300_000);
    for (const locale of ['en-GB', 'ar']) {
      for (const who of [PRIYA.name, DEMO_PEOPLE.admin.name]) {
        const session = await signedIn(who, '/experts', locale);
        const { page } = session;
        const paths =
          who === PRIYA.name ? ['/experts', '/expert-profile'] : ['/experts', `/experts/${priyaId}`];
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 844 });
          for (const path of paths) {
            await page.goto(`${e2e().baseUrl}${path}`);
            await loaded(page);
            await assertAccessible(page, `${path} (${who}, ${locale}, ${width})`);
            if (locale === 'ar') {
              assert.equal(
                await page.evaluate(() => document.documentElement.dir),
                'rtl',
                `${path} in Arabic`,
              );
            }
          }
        }
        if (locale === 'ar' && who === PRIYA.name) {
          await page.goto(`${e2e().baseUrl}/expert-profile`);
          await page.getByRole('heading', { level: 1, name: 'ملفي كخبير' }).waitFor();
          await page.getByRole('checkbox', { name: 'إشراك الشباب' }).waitFor();
          await session.screenshot('expert-profile-ar-390');
        }
        session.assertClean();
        await session.context.close();
      }
    }
  });

  it('shows the French and Spanish strings', async function () {
    this.timeout(120_000);
    for (const [locale, heading, topic, button] of [
      ['fr', 'Experts', 'Engagement des jeunes', 'Afficher les experts'],
      ['es', 'Personas expertas', 'Participación juvenil', 'Mostrar personas expertas'],
    ] as const) {
      const session = await signedIn(DEMO_PEOPLE.practitioner.name, '/experts', locale);
      const { page } = session;
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await loaded(page);
      await page.getByRole('button', { name: button }).waitFor();
      await page.getByRole('article', { name: 'Claire Dubois' }).getByText(topic).first().waitFor();
      session.assertClean();
      await session.context.close();
    }
  });
});
