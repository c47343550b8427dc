/**
 * Expert requests in the browser (issue #14, parts 2 to 4): a practitioner of Nairobi asks the
 * experts through the template; a moderator (Joseph Mwangi, Management Unit) finds it in the triage
 * list, starts matching, reads the ranked matches with their reasons in words and offers the request
 * to an expert; the expert (Claire Dubois) sees the offer without the city or the text (AMBER),
 * accepts, opens the request room and writes a message the requester reads and marks as the accepted answer. The form, the request
 * page and the offers page pass axe at 1280 and 390 px in English and Arabic; French and Spanish
 * strings are shown once.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { api, tokenFor, WANJIRU } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession, SCREENSHOT_DIR } from './support/page.js';
import { signInAtNairobi } from './support/rooms.js';

const RUN = Date.now().toString(36);
const TITLE = `Youth engagement after the riots ${RUN}`;
const PROBLEM = `Tensions between neighbourhoods rose after the riots (${RUN}); we need a youth programme.`;
const CONTEXT = `Three wards, two youth centres, a local partner network (${RUN}).`;
const CLAIRE = DEMO_PEOPLE.expert;
const JOSEPH = DEMO_PEOPLE.moderator;

/**
 * Switches the interface language with the header's switcher, then reloads so that the page starts in
 * it (switching while signed in leaves the shell's own strings in the former language: see the
 * report of this test), and waits until the page follows.
 */
async function useLanguage(page: Page, language: string): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) === language) return;
  await page.locator('#language').selectOption(language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  await page.reload();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/**
 * Checks `page` with axe at 1280 and 390 px, in English then Arabic (right to left), and leaves it in
 * English at 1280 px (the language switcher is behind the menu at 390 px, so it is used at 1280).
 * `ready(lang)` waits until the page shows its content in that language.
 */
async function assertAccessibleEverywhere(
  page: Page,
  where: string,
  ready: (lang: 'en' | 'ar') => Promise<void>,
): Promise<void> {
  for (const lang of ['en', 'ar'] as const) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await useLanguage(page, lang);
    await ready(lang);
    assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
    await assertAccessible(page, `${where} (${lang}, 1280)`);
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, `${where} (${lang}, 390)`);
    if (lang === 'ar')
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/requests-${where.replace(/\W+/g, '-')}-ar-390.png`,
        fullPage: true,
      });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await useLanguage(page, 'en');
  await ready('en');
}

/**
 * Makes sure Claire Dubois has a verified expert profile that fits the request, with an AMBER clearance
 * (the demo data seeds one; made here when it does not).
 */
async function prepareExpert(): Promise<void> {
  const server = e2e();
  const claire = await tokenFor(server, CLAIRE.email);
  const seeded = await api<{ verified?: boolean; clearance?: string | null }>(
    server,
    claire,
    'GET',
    '/me/expert-profile',
  );
  if (seeded.status === 200 && seeded.body.verified && seeded.body.clearance !== 'GREEN') return;
  const profile = await api(server, claire, 'PUT', '/me/expert-profile', {
    summary: 'Former deputy mayor; youth programmes and school networks.',
    topics: ['youth-engagement', 'schools'],
    languages: [
      { code: 'fr', proficiency: 'native' },
      { code: 'en', proficiency: 'fluent' },
    ],
    regions: ['east-southern-africa'],
    countries: ['KE'],
    formats: ['remote_advice', 'workshop'],
    availability: 'available',
    timeZone: 'Europe/Paris',
    maxConcurrent: 3,
  });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  const me = await api<{ person: { id: string } }>(server, claire, 'GET', '/me');
  const admin = await tokenFor(server, 'admin@demo.concordia.example');
  const verified = await api(server, admin, 'POST', `/experts/${me.body.person.id}/verification`, {
    verified: true,
    clearance: 'AMBER',
  });
  assert.ok(verified.status >= 200 && verified.status < 300, JSON.stringify(verified.body));
}

describe('expert requests (browser)', function () {
  this.timeout(300_000);

  before(prepareExpert);

  it('a city asks, a moderator matches and offers, the expert accepts and answers in the request room', async () => {
    const { baseUrl, browser } = e2e();

    // 1. The requester (Wanjiru Kamau, Nairobi) asks through the template.
    const requester = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const ask = requester.page;
    await signInAtNairobi(ask, baseUrl, WANJIRU.name, '/requests');
    await ask.getByRole('heading', { level: 1, name: 'Expert requests' }).waitFor();
    await ask.getByRole('complementary').getByRole('link', { name: 'Expert requests' }).waitFor();

    // French and Spanish, once.
    await useLanguage(ask, 'fr');
    await ask.getByRole('heading', { level: 1, name: "Demandes d'expertise" }).waitFor();
    await ask.getByRole('link', { name: 'Interroger les experts' }).waitFor();
    await useLanguage(ask, 'es');
    await ask.getByRole('heading', { level: 1, name: 'Solicitudes a expertos' }).waitFor();
    await ask.getByRole('link', { name: 'Consultar a los expertos' }).waitFor();
    await useLanguage(ask, 'en');

    await ask.getByRole('link', { name: 'Ask the experts' }).click();
    await ask.waitForURL((url) => url.pathname === '/requests/new');
    await ask.getByRole('heading', { level: 1, name: 'Ask the experts' }).waitFor();

    // An empty submission names the fields to fix; the form and its errors are accessible.
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await ask.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' }).waitFor();
    await ask.getByText('Give the request a title.').waitFor();
    await ask.getByText('Choose between one and 5 topics.').waitFor();
    await assertAccessibleEverywhere(ask, 'request form', async (lang) => {
      await ask
        .getByRole('heading', { level: 1, name: lang === 'en' ? 'Ask the experts' : 'اسأل الخبراء' })
        .waitFor();
      // After a reload the form is empty again: submitted once more, it shows its errors.
      await ask.getByRole('button', { name: lang === 'en' ? 'Send the request' : 'أرسل الطلب' }).click();
      await ask.getByText(lang === 'en' ? 'Give the request a title.' : 'أعطِ الطلب عنوانًا.').waitFor();
    });

    // A title with a hidden direction override passes the form but not the server: its refusal is shown
    // beside the field, and nothing typed is lost.
    await ask.getByLabel('Title').fill(`Youth \u202eplan ${RUN}`);
    await ask.getByLabel('Problem').fill(PROBLEM);
    await ask.getByLabel(/^Context/).fill(CONTEXT);
    await ask.getByRole('group', { name: 'Topics' }).getByLabel('Youth engagement').check();
    await ask.getByRole('group', { name: 'Formats wanted' }).getByLabel('Remote advice').check();
    const languages = ask.getByRole('group', { name: 'Languages' });
    await languages.getByLabel('English').check();
    await languages.getByLabel('French').check();
    await ask.getByLabel('Urgency').selectOption('high');
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await ask.getByLabel(/^Deadline/).fill(deadline);
    assert.equal(await ask.getByLabel('Label', { exact: true }).inputValue(), 'AMBER');
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await ask.getByText('This could not be accepted as it is').waitFor();
    assert.equal(await ask.getByLabel('Problem').inputValue(), PROBLEM);
    assert.equal(
      await ask.getByRole('group', { name: 'Topics' }).getByLabel('Youth engagement').isChecked(),
      true,
    );
    assert.equal(await ask.getByLabel(/^Deadline/).inputValue(), deadline);
    await ask.getByLabel('Title').fill(TITLE);
    await ask.getByRole('button', { name: 'Send the request' }).click();
    await ask.waitForURL((url) => /^\/requests\/[a-f0-9]{24}$/.test(url.pathname));
    const requestPath = new URL(ask.url()).pathname;
    await ask.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await ask.getByText('Submitted').first().waitFor();
    await ask.getByText(PROBLEM).waitFor();
    requester.assertClean([{ status: 400, path: '/api/v1/requests' }]);

    // 2. The moderator finds it in triage, starts matching, reads the matches and offers it.
    const moderator = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const mod = moderator.page;
    await signInFromChooser(mod, baseUrl, JOSEPH.name, '/requests');
    await mod
      .getByRole('navigation', { name: 'Request lists' })
      .getByRole('link', { name: 'Triage' })
      .click();
    await mod.getByRole('heading', { level: 2, name: 'Triage' }).waitFor();
    await mod.getByRole('link', { name: TITLE }).click();
    await mod.waitForURL((url) => url.pathname === requestPath);
    await mod.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await mod.getByLabel(/^Note/).fill('Clear request: matching.');
    await mod.getByRole('button', { name: 'Start matching' }).click();
    await mod.getByRole('status').filter({ hasText: 'The request is now: Matching.' }).waitFor();
    await mod.getByText('Clear request: matching.').waitFor();

    const matches = mod.getByRole('region', { name: 'Matches' });
    const claireMatch = matches.getByRole('listitem').filter({ hasText: CLAIRE.name }).first();
    await claireMatch.waitFor();
    await claireMatch.getByText(/Advises on .*Youth engagement/).waitFor();
    await claireMatch.getByText(/Speaks .*(English|French)/).waitFor();
    await assertAccessibleEverywhere(mod, 'request page with matches', async (lang) => {
      await mod
        .getByRole('heading', { level: 2, name: lang === 'en' ? 'Matches' : 'الخبراء المطابقون' })
        .waitFor();
      await mod.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    });
    await moderator.screenshot('requests-matches-en');
    await claireMatch.getByRole('checkbox').check();
    await mod.getByLabel(/^Hours until the offer runs out/).fill('48');
    await mod.getByRole('button', { name: 'Offer the request' }).click();
    await mod.getByRole('status').filter({ hasText: 'Offers made: 1.' }).waitFor();
    await claireMatch.getByText('Offer: Waiting for an answer').waitFor();
    moderator.assertClean();

    // 3. The expert sees a sanitised offer (no city, no title, no text), accepts, and opens the room.
    const expert = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const exp = expert.page;
    await signInFromChooser(exp, baseUrl, CLAIRE.name, '/offers');
    await exp.getByRole('heading', { level: 1, name: 'Offers to me' }).waitFor();
    await exp.getByRole('complementary').getByRole('link', { name: 'Offers to me' }).waitFor();
    const offer = exp.getByRole('listitem').filter({ hasText: 'A request for advice' }).first();
    await offer.getByText('Youth engagement').waitFor();
    const summary = await offer.innerText();
    assert.ok(!summary.includes('Nairobi'), `the offer names the city: ${summary}`);
    assert.ok(!summary.includes(TITLE), `the offer shows the title: ${summary}`);
    assert.ok(!summary.includes(RUN), `the offer shows the text: ${summary}`);
    await assertAccessibleEverywhere(exp, 'offers page', async (lang) => {
      await exp
        .getByRole('heading', { level: 1, name: lang === 'en' ? 'Offers to me' : 'العروض المقدّمة لي' })
        .waitFor();
    });
    await expert.screenshot('requests-offer-en');
    await offer.getByRole('button', { name: 'Accept' }).click();
    await exp.getByRole('status').filter({ hasText: 'You accepted the request.' }).waitFor();
    await exp.getByRole('link', { name: 'Open the request' }).click();
    await exp.waitForURL((url) => url.pathname === requestPath);
    await exp.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await exp.getByText(PROBLEM).waitFor();
    await exp.getByRole('link', { name: 'Open the request room' }).click();
    await exp.waitForURL((url) => /^\/rooms\/[A-Za-z0-9_-]+$/.test(url.pathname));
    const roomPath = new URL(exp.url()).pathname;
    const composer = exp.getByLabel('Message', { exact: true });
    await composer.waitFor();
    const answer = `Happy to help: let us start with the youth centres (${RUN}).`;
    await composer.fill(answer);
    await composer.press('Enter');
    await exp.getByText(answer).waitFor();
    expert.assertClean();

    // 4. The requester reads the expert's message in the request room.
    await ask.goto(`${baseUrl}${requestPath}`);
    await ask.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await ask.getByText(CLAIRE.name).first().waitFor();
    await ask.getByRole('link', { name: 'Open the request room' }).click();
    await ask.waitForURL((url) => url.pathname === roomPath);
    await ask.getByText(answer).waitFor();
    await requester.screenshot('requests-room-requester-en');

    // 5. Back on the request, the requester marks the expert's message as the accepted answer.
    await ask.goto(`${baseUrl}${requestPath}`);
    const answers = ask.getByRole('region', { name: 'Answers from the experts' });
    await answers.getByText(answer).waitFor();
    await answers.getByRole('button', { name: 'Accept this answer' }).click();
    await answers.getByText('Accepted answer', { exact: true }).waitFor();
    await ask.getByText('The answer is marked as accepted.').waitFor();
    await assertAccessible(ask, 'request with an accepted answer (en, 1280)');
    requester.assertClean([{ status: 400, path: '/api/v1/requests' }]);
  });

  it('the expert declines an offer with a reason; the requester withdraws a request after confirming, with the keyboard', async () => {
    const server = e2e();
    const { baseUrl, browser } = server;
    const wanjiru = await tokenFor(server, WANJIRU.email);
    const joseph = await tokenFor(server, JOSEPH.email);
    const claire = await tokenFor(server, CLAIRE.email);
    const title = `Schools network ${RUN}`;
    const created = await api<{ id: string }>(server, wanjiru, 'POST', '/requests', {
      title,
      problem: `Schools ask how to start a prevention network (${RUN}).`,
      topics: ['schools'],
      formats: ['remote_advice'],
      languages: ['en'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.id;
    const moved = await api(server, joseph, 'POST', `/requests/${id}/transitions`, { to: 'matching' });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    const me = await api<{ person: { id: string } }>(server, claire, 'GET', '/me');
    const offered = await api(server, joseph, 'POST', `/requests/${id}/offers`, {
      expertIds: [me.body.person.id],
      hours: 24,
    });
    assert.equal(offered.status, 201, JSON.stringify(offered.body));

    // The expert declines, giving a reason.
    const expert = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const exp = expert.page;
    await signInFromChooser(exp, baseUrl, CLAIRE.name, '/offers');
    const offer = exp
      .getByRole('listitem')
      .filter({ hasText: 'Schools' })
      .filter({ has: exp.getByRole('button', { name: 'Decline' }) })
      .first();
    await offer.getByRole('button', { name: 'Decline' }).click();
    await offer.getByLabel(/^Reason for declining/).fill('Fully booked this month.');
    await offer.getByRole('button', { name: 'Decline the offer' }).click();
    await exp.getByRole('status').filter({ hasText: 'You declined the offer.' }).waitFor();
    expert.assertClean();

    // The requester withdraws it, with the keyboard only, after confirming.
    const requester = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    const ask = requester.page;
    await signInAtNairobi(ask, baseUrl, WANJIRU.name, `/requests/${id}`);
    await ask.getByRole('heading', { level: 1, name: title }).waitFor();
    await ask.getByRole('button', { name: 'Withdraw the request' }).focus();
    await ask.keyboard.press('Enter');
    const confirm = ask.getByRole('group', { name: /Withdraw this request\?/ });
    await confirm.waitFor();
    assert.equal(await confirm.evaluate((node) => node === document.activeElement), true);
    await ask.keyboard.press('Tab');
    await ask.keyboard.press('Enter');
    await ask.getByRole('status').filter({ hasText: 'The request is now: Withdrawn.' }).waitFor();
    await ask.getByRole('listitem').filter({ hasText: 'Withdrawn' }).last().waitFor();
    requester.assertClean();
  });
});
