/**
 * The good-practice library in the browser against the real server (issue 14, parts 5 and 6): a
 * Management Unit editor writes a CLEAR record through the form; the automatic checks flag the e-mail
 * address left in it and submitting is refused; the writer removes it, confirms the principle-3
 * checklist and submits; the approvals the server says are missing are given and the record is
 * published; a human translation is added; a signed-out visitor finds it in the public library and
 * reads it (no review, no link to a request), while a published GREEN record is not there. The list,
 * the form and the record page pass axe at 1280 and 390 px in English and Arabic (right to left), and
 * the French and Spanish strings are shown.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { loaded, signedIn, status } from './support/demoPages.js';
import { DEMO_PEOPLE } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

/** A word no other record carries, to find this run's records. */
const STAMP = `kestrel${Date.now().toString(36)}`;
const CLEAR_TITLE = `Mediation circles in secondary schools ${STAMP}`;
const GREEN_TITLE = `Network-only notes on youth councils ${STAMP}`;
const EMAIL = 'circles.coordinator@example.org';

/** The two Management Unit editors of the demo (an admin and a global moderator). */
const EDITORS = [DEMO_PEOPLE.admin.name, DEMO_PEOPLE.moderator.name];

interface RecordSeen {
  id: string;
  stage: string;
  status: string;
  texts: { language: string; origin: string; title: string }[];
  review?: {
    missing: string[];
    findings: { kind: string; text: string }[];
    abilities: Record<string, boolean>;
  };
}

/** Calls the API as the person signed in on `page` (the CSRF token as the client sends it). */
async function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    },
    { method, path, body },
  );
}

const CHECKLIST = { noGroupTargeting: true, noPersonalData: true, placesChecked: true };

/** Ticks the principle-3 checklist's three boxes. */
async function confirmChecklist(page: Page): Promise<void> {
  const checklist = page.getByRole('group', { name: 'Principle 3 checklist' });
  await checklist.getByRole('checkbox', { name: /No prevention measure in this record/ }).check();
  await checklist.getByRole('checkbox', { name: /No names, contact details/ }).check();
  await checklist.getByRole('checkbox', { name: /Cities and places are named only/ }).check();
}

describe('the good-practice library', () => {
  let clearId = '';
  let greenId = '';
  let draftId = '';
  let translated = false;
  let peerReviewed = false;

  it('lets an editor write a CLEAR record, fix what the checks find, submit it and have it approved', async function () {
    this.timeout(180_000);
    const session = await signedIn(EDITORS[0] as string, '/');
    const { page } = session;
    // The sidebar leads to the library; "Write a record" to the form.
    await page
      .getByRole('complementary')
      .getByRole('link', { name: 'Good-practice library', exact: true })
      .click();
    await page.waitForURL((url) => url.pathname === '/library');
    await loaded(page);
    await page.getByRole('link', { name: 'Write a record' }).click();
    await page.waitForURL((url) => url.pathname === '/library/new');
    await page.getByRole('heading', { level: 1, name: 'Write a record' }).waitFor();

    // Saving without the required parts keeps what was written and says what is missing.
    await page.getByLabel('Title').fill(CLEAR_TITLE);
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.locator('#library-new-alert').waitFor();
    assert.equal(await page.getByLabel('The problem').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Title').inputValue(), CLEAR_TITLE);

    assert.equal(await page.getByLabel('Language the record is written in').inputValue(), 'en');
    await page.getByLabel('Summary').fill('Pupils trained as peer mediators calm tensions before they grow.');
    await page
      .getByLabel('The problem')
      .fill(
        `Tensions between groups of pupils grew after online rumours. Write to ${EMAIL} for the toolkit.`,
      );
    await page
      .getByLabel('The approach')
      .fill('Teachers and a youth association trained volunteer pupils as mediators.\n\nCircles met weekly.');
    await page.getByLabel('Results and evidence').fill('Fewer incidents reported over the school year.');
    await page
      .getByRole('group', { name: /Themes/ })
      .getByRole('checkbox', { name: 'Schools' })
      .check();
    const label = page.getByRole('group', { name: 'Who may read it' });
    assert.equal(await label.getByRole('radio', { name: /^GREEN/ }).isChecked(), true, 'GREEN by default');
    await label.getByRole('radio', { name: /^CLEAR/ }).check();
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL((url) => /^\/library\/[a-f0-9]{24}$/.test(url.pathname));
    clearId = new URL(page.url()).pathname.split('/')[2] as string;
    await page.getByRole('heading', { level: 1, name: CLEAR_TITLE }).waitFor();
    await loaded(page);

    // Submitting while the e-mail address is in the text is refused, and the finding is said in words.
    await confirmChecklist(page);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page
      .locator('#library-checklist-alert')
      .getByText(/still find personal data/)
      .waitFor();
    const findings = page.getByRole('region', { name: 'What the automatic checks found' });
    await findings
      .getByText(/E-mail address in “The problem”/)
      .first()
      .waitFor();
    await findings.getByText(EMAIL).first().waitFor();

    // The writer removes it in the draft's edit form and saves: the checks find nothing left.
    const edit = page.getByRole('region', { name: 'Edit the draft' });
    await edit
      .getByLabel('The problem')
      .fill('Tensions between groups of pupils grew after online rumours. Ask the network for the toolkit.');
    await edit.getByRole('button', { name: 'Save the draft' }).click();
    await status(page, 'The draft is saved.').waitFor();
    await findings.getByText(/found no e-mail address/).waitFor();

    await confirmChecklist(page);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await status(page, /The record is submitted|The record is published/).waitFor();
    const submitted = await api<RecordSeen>(page, 'GET', `/library/${clearId}`);
    assert.equal(submitted.stage, 'in_review');
    assert.ok(submitted.review && submitted.review.missing.length > 0, 'approvals are missing');
    // The refusal is a problem document with the code `findings_remain` (the server answers 400).
    session.assertClean([
      { status: 400, path: `/api/v1/library/${clearId}/submit` },
      { status: 409, path: `/api/v1/library/${clearId}/submit` },
    ]);
    await session.context.close();

    // The editors approve, each through the checklist, as long as the server says approvals are missing.
    for (const editor of [EDITORS[1] as string, EDITORS[0] as string]) {
      const approver = await signedIn(editor, `/library/${clearId}`);
      await loaded(approver.page);
      const seen = await api<RecordSeen>(approver.page, 'GET', `/library/${clearId}`);
      if (seen.stage === 'published') {
        await approver.context.close();
        break;
      }
      assert.equal(
        seen.review?.abilities.approve,
        true,
        `${editor} may approve (missing: ${seen.review?.missing.join(', ')})`,
      );
      await approver.page.getByText(/Still needed:/).waitFor();
      await confirmChecklist(approver.page);
      await approver.page.getByRole('button', { name: 'Approve', exact: true }).click();
      await status(approver.page, /Your approval is recorded|The record is published/).waitFor();
      approver.assertClean();
      await approver.context.close();
    }
    const last = await signedIn(EDITORS[0] as string, `/library/${clearId}`);
    await loaded(last.page);
    const published = await api<RecordSeen>(last.page, 'GET', `/library/${clearId}`);
    assert.equal(
      published.stage,
      'published',
      `published (missing: ${published.review?.missing.join(', ')})`,
    );
    await last.page.getByText('Both approvals are given.').waitFor();
    await last.page.getByText(/^Published on /).waitFor();
    last.assertClean();
    await last.context.close();
  });

  it('publishes a GREEN record the same way (through the API)', async function () {
    this.timeout(120_000);
    const writer = await signedIn(EDITORS[0] as string, '/library');
    const green = await api<RecordSeen>(writer.page, 'POST', '/library', {
      title: GREEN_TITLE,
      problem: 'Youth councils were not heard by the city departments.',
      approach: 'Each department answers the youth council in writing within a month.',
      themes: ['youth-engagement'],
      language: 'en',
      label: 'GREEN',
    });
    greenId = green.id;
    await api(writer.page, 'POST', `/library/${greenId}/submit`, { checklist: CHECKLIST });
    writer.assertClean();
    await writer.context.close();
    for (const editor of [EDITORS[1] as string, EDITORS[0] as string]) {
      const approver = await signedIn(editor, '/library');
      const seen = await api<RecordSeen>(approver.page, 'GET', `/library/${greenId}`);
      if (seen.stage !== 'published')
        await api(approver.page, 'POST', `/library/${greenId}/approvals`, { checklist: CHECKLIST });
      await approver.context.close();
    }
    const check = await signedIn(EDITORS[0] as string, '/library');
    assert.equal((await api<RecordSeen>(check.page, 'GET', `/library/${greenId}`)).stage, 'published');
    // Members find it in the library, with its label.
    await check.page.getByLabel('Search words').fill(STAMP);
    await check.page.getByRole('button', { name: 'Show records' }).click();
    await check.page.getByRole('article', { name: GREEN_TITLE }).getByText('TLP:GREEN').waitFor();
    await check.page.getByRole('article', { name: CLEAR_TITLE }).getByText('TLP:CLEAR').waitFor();
    check.assertClean();
    await check.context.close();
  });

  it('lets the editor add a human translation', async function () {
    this.timeout(120_000);
    assert.ok(clearId, 'the first test wrote the record');
    const session = await signedIn(EDITORS[0] as string, `/library/${clearId}`);
    const { page } = session;
    await loaded(page);
    const form = page.getByRole('region', { name: 'Add a translation' });
    await form.getByLabel('Language of the translation').selectOption('fr');
    await form.getByRole('radio', { name: 'A person' }).check();
    await form.getByLabel('Title').fill(`Cercles de médiation dans les collèges ${STAMP}`);
    await form
      .getByLabel('The problem')
      .fill('Des tensions entre groupes d’élèves ont grandi après des rumeurs en ligne.');
    await form
      .getByLabel('The approach')
      .fill('Des enseignants et une association de jeunes ont formé des élèves médiateurs.');
    await form.getByRole('button', { name: 'Add the translation' }).click();
    await status(page, 'The translation is added.').waitFor();
    await page.getByRole('button', { name: 'French (human translation)' }).click();
    await page
      .getByRole('heading', { level: 1, name: `Cercles de médiation dans les collèges ${STAMP}` })
      .waitFor();
    translated = true;
    session.assertClean();
  });

  it('lets another editor mark the published record as peer-reviewed', async function () {
    this.timeout(120_000);
    assert.ok(clearId, 'the first test wrote the record');
    const session = await signedIn(EDITORS[1] as string, `/library/${clearId}`);
    const { page } = session;
    await loaded(page);
    await page.getByRole('button', { name: 'Mark as peer-reviewed' }).click();
    await status(page, 'The record is marked as peer-reviewed.').waitFor();
    await page.locator('.library-badge', { hasText: 'Peer-reviewed' }).waitFor();
    // Members find it with the peer-reviewed filter.
    await page.goto(`${e2e().baseUrl}/library`);
    await loaded(page);
    await page.getByLabel('Search words').fill(STAMP);
    await page.getByLabel('Status').selectOption('peer_reviewed');
    await page.getByRole('button', { name: 'Show records' }).click();
    await status(page, 'Records shown: 1').waitFor();
    await page.getByRole('article', { name: CLEAR_TITLE }).waitFor();
    peerReviewed = true;
    session.assertClean();
  });

  it('lets a signed-out visitor find and read the CLEAR record, but not the GREEN one', async function () {
    this.timeout(120_000);
    assert.ok(clearId && greenId, 'the records were published');
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Open the good-practice library' }).click();
    await page.waitForURL((url) => url.pathname === '/library');
    await page.getByRole('heading', { level: 1, name: 'Good-practice library' }).waitFor();
    await loaded(page);
    assert.equal(await page.getByRole('link', { name: 'Write a record' }).count(), 0);
    await page.getByLabel('Search words').fill(STAMP);
    await page.getByRole('button', { name: 'Show records' }).click();
    await status(page, 'Records shown: 1').waitFor();
    const card = page.getByRole('article', { name: CLEAR_TITLE });
    await card.getByText('TLP:CLEAR').waitFor();
    if (translated) await card.getByText(/French \(human translation\)/).waitFor();
    if (peerReviewed) await card.locator('.library-badge', { hasText: 'Peer-reviewed' }).waitFor();
    assert.equal(await page.getByRole('article', { name: GREEN_TITLE }).count(), 0);

    await card.getByRole('link', { name: CLEAR_TITLE }).click();
    await page.waitForURL((url) => url.pathname === `/library/${clearId}`);
    await page.getByRole('heading', { level: 1, name: CLEAR_TITLE }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The approach' }).waitFor();
    await page.getByText('Circles met weekly.').waitFor();
    // The public page shows the text only: no review, no author, no request.
    assert.equal(await page.getByRole('heading', { name: 'Review' }).count(), 0);
    assert.equal(await page.getByText(DEMO_PEOPLE.admin.name).count(), 0);
    assert.equal(await page.locator('a[href^="/requests"]').count(), 0);
    assert.equal(await page.getByText(EMAIL).count(), 0);
    const body = await page.evaluate(async (id) => {
      const response = await fetch(`/api/v1/public/library/${id}`);
      return (await response.json()) as Record<string, unknown>;
    }, clearId);
    assert.equal(body.review, undefined, 'the public API sends no review');

    // The GREEN record's page is not found for visitors.
    await page.goto(`${baseUrl}/library/${greenId}`);
    await page.getByText('This record does not exist or is not open to you.').waitFor();
    session.assertClean([{ status: 404, path: `/api/v1/public/library/${greenId}` }]);
  });

  it('passes axe on the list, the form and the record page at 1280 and 390 px in English and Arabic', async function () {
    this.timeout(400_000);
    assert.ok(clearId, 'the first test wrote the record');
    // A draft, so the record page shows the review's forms (checklist, edit, translation).
    const writer = await signedIn(EDITORS[0] as string, '/library');
    const draft = await api<RecordSeen>(writer.page, 'POST', '/library', {
      title: `A draft on school safety ${STAMP}`,
      summary: 'Still being written.',
      problem: 'Parents did not know whom to call.',
      approach: 'One leaflet in four languages.',
      themes: ['schools', 'protecting-public-spaces'],
      language: 'en',
      label: 'GREEN',
    });
    draftId = draft.id;
    await writer.context.close();
    for (const locale of ['en-GB', 'ar']) {
      const member = await signedIn(EDITORS[0] as string, '/library', locale);
      const visitor = await openSession(e2e().browser, { locale });
      for (const width of [1280, 390]) {
        for (const [session, paths] of [
          [
            member,
            [
              '/library',
              '/library?view=review',
              '/library/new',
              `/library/${draftId}`,
              `/library/${clearId}`,
            ],
          ],
          [visitor, ['/library', `/library/${clearId}`]],
        ] as const) {
          const { page } = session;
          await page.setViewportSize({ width, height: 844 });
          for (const path of paths) {
            await page.goto(`${e2e().baseUrl}${path}`);
            await loaded(page);
            const who = session === member ? 'member' : 'visitor';
            await assertAccessible(page, `${path} (${who}, ${locale}, ${width})`);
            if (locale === 'ar')
              assert.equal(
                await page.evaluate(() => document.documentElement.dir),
                'rtl',
                `${path} in Arabic`,
              );
          }
        }
      }
      if (locale === 'ar') {
        await member.page.goto(`${e2e().baseUrl}/library/new`);
        await member.page.getByRole('heading', { level: 1, name: 'اكتب سجلًا' }).waitFor();
        await member.page.getByRole('checkbox', { name: 'المدارس' }).waitFor();
        await member.screenshot('library-new-ar-390');
      }
      member.assertClean();
      visitor.assertClean();
      await member.context.close();
      await visitor.context.close();
    }
  });

  it('shows the French and Spanish strings', async function () {
    this.timeout(120_000);
    assert.ok(clearId, 'the first test wrote the record');
    for (const [locale, heading, button, theme] of [
      ['fr', 'Bibliothèque de bonnes pratiques', 'Afficher les fiches', 'Écoles'],
      ['es', 'Biblioteca de buenas prácticas', 'Mostrar fichas', 'Escuelas'],
    ] as const) {
      const session = await signedIn(DEMO_PEOPLE.practitioner.name, '/library', locale);
      const { page } = session;
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await loaded(page);
      await page.getByRole('button', { name: button }).waitFor();
      await page.goto(`${e2e().baseUrl}/library/${clearId}`);
      await loaded(page);
      await page.getByText(theme).first().waitFor();
      session.assertClean();
      await session.context.close();
    }
  });
});
