/**
 * Refusals in the reader's language and the one TLP badge (issue #11, part 6): a French reader whose
 * page still offers a label the forum no longer takes gets the server's `label_above_ceiling` refusal
 * in French (no English), a refusal with only a general code gets the general French sentence with the
 * server's own words marked as English, and the label badge is one component, with one font and the
 * TLP 2.0 colours on black, in rooms and in forums.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import {
  HUB_FORUM,
  NETWORK_FORUM,
  WANJIRU,
  api,
  setUpForums,
  signInThroughNairobi,
  tokenFor,
} from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { createHubRoom } from './support/rooms.js';

const TOPICS_PATH = `/api/v1/spaces/${HUB_FORUM.slug}/forum/categories/${HUB_FORUM.category}/topics`;

/** What makes a badge look and read as it does. */
async function badgeFacts(badge: Locator) {
  return badge.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      className: element.className.replace(/tlp--[a-z-]+/, 'tlp--*'),
      children: [...element.children].map((child) => `${child.tagName.toLowerCase()}.${child.className}`),
      fontFamily: style.fontFamily,
      fontSize: style.fontSize,
      fontWeight: style.fontWeight,
      background: style.backgroundColor,
      color: style.color,
      title: element.getAttribute('title'),
      text: element.textContent,
    };
  });
}

/** The first badge of `label` under `scope`. */
function badge(scope: Page | Locator, label: string): Locator {
  return scope.locator(`.tlp[data-label="${label}"]`).first();
}

describe('refusals in the reader language, and the one label badge', () => {
  before(async function () {
    this.timeout(120_000);
    await setUpForums(e2e());
  });

  it('tells a French reader in French that a label is above the forum ceiling', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'fr-FR' });
    const { page } = session;
    const newTopic = `/forums/${HUB_FORUM.slug}/${HUB_FORUM.category}/new`;
    await signInThroughNairobi(page, baseUrl, newTopic, WANJIRU);
    await page.getByLabel('Titre').fill('Étiquette trop haute');
    await page.getByLabel('Votre message').fill('Ce sujet ne doit pas passer.');
    // A page whose picture of the forum is out of date (the ceiling was lowered meanwhile) sends a label
    // above the ceiling; here the request is changed on its way, and the real server refuses it.
    await page.route(`**${TOPICS_PATH}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>;
      return route.continue({ postData: JSON.stringify({ ...body, label: 'RED' }) });
    });
    await page.getByRole('button', { name: 'Publier le sujet' }).click();
    const alert = page.locator('#new-topic-error');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    assert.match(
      text,
      new RegExp(`TLP:RED dépasse l'étiquette la plus haute que ${HUB_FORUM.name} admet \\(TLP:AMBER\\)`),
    );
    assert.doesNotMatch(text, /ceiling|above/i, 'no English words');
    assert.equal(await alert.locator('[lang="en"]').count(), 0, 'no server words beside it');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'new-topic-error', 'focus on it');
    await session.screenshot('refusal-label-above-ceiling-fr');
    session.assertClean([{ status: 400, path: TOPICS_PATH }]);
  });

  it('says a refusal with only its general code in French, the server words marked as English', async () => {
    const { baseUrl, browser, dataDir } = e2e();
    const token = await tokenFor({ baseUrl, dataDir }, WANJIRU.email);
    const amber = await api<{ id: string }>({ baseUrl, dataDir }, token, 'POST', TOPICS_PATH.slice(7), {
      title: 'Carte des tensions par quartier',
      body: 'Pour notre ville et ses partenaires.',
      label: 'AMBER',
    });
    assert.equal(amber.status, 201, JSON.stringify(amber.body));
    const session = await openSession(browser, { locale: 'fr-FR' });
    const { page } = session;
    const topicPath = `/forums/topics/${amber.body.id}`;
    await signInThroughNairobi(page, baseUrl, topicPath, WANJIRU);
    await page.getByRole('heading', { level: 1, name: 'Carte des tensions par quartier' }).waitFor();
    await page.getByRole('button', { name: 'Déplacer…' }).click();
    await page.getByLabel('Déplacer vers').selectOption(`${NETWORK_FORUM.slug}/${NETWORK_FORUM.category}`);
    await page.getByLabel('Motif du déplacement').fill('Audience plus large');
    await page.getByRole('button', { name: 'Déplacer le sujet' }).click();
    const alert = page.locator('#move-error');
    await alert.waitFor();
    const sentence = await alert.locator('p').evaluate((p) => p.firstChild?.textContent ?? '');
    assert.match(sentence, /^Vous n'êtes pas autorisé à faire cela\./);
    const serverWords = alert.locator('[lang="en"]');
    assert.match((await serverWords.textContent()) ?? '', /AMBER/, 'the server words name the label');
    session.assertClean([{ status: 403, path: `/api/v1/forum/topics/${amber.body.id}/move` }]);
  });

  it('renders every label with the same badge in rooms and forums: one font, TLP 2.0 colours on black', async () => {
    const server = e2e();
    const room = await createHubRoom(server, { name: 'Badge room', ceiling: 'AMBER' });
    const session = await openSession(server.browser);
    const { page } = session;
    await signInThroughNairobi(page, server.baseUrl, '/rooms', WANJIRU);
    const inRooms = badge(page.locator('.rooms-list__item', { hasText: room.name }), 'AMBER');
    await inRooms.waitFor();
    const roomFacts = await badgeFacts(inRooms);

    await page.goto(`${server.baseUrl}/forums`);
    await page.getByRole('heading', { level: 1, name: 'Forums' }).waitFor();
    const inForums = badge(page, 'AMBER');
    await inForums.waitFor();
    const forumFacts = await badgeFacts(inForums);
    assert.deepEqual(forumFacts, roomFacts, 'the same badge in the rooms list and the forums');
    assert.deepEqual(roomFacts.children, ['span.visually-hidden', 'bdi.', 'span.visually-hidden']);
    assert.equal(roomFacts.background, 'rgb(0, 0, 0)');
    assert.equal(roomFacts.color, 'rgb(255, 192, 0)', 'AMBER is #FFC000');
    assert.equal(roomFacts.title, "need to know: recipients' own city and its local partners");
    assert.equal(
      roomFacts.text,
      "Label: TLP:AMBER (need to know: recipients' own city and its local partners)",
    );

    await page.goto(`${server.baseUrl}/forums/${HUB_FORUM.slug}/${HUB_FORUM.category}/new`);
    const green = badge(page.getByRole('group', { name: 'Sharing label' }), 'GREEN');
    await green.waitFor();
    const greenFacts = await badgeFacts(green);
    assert.equal(greenFacts.color, 'rgb(51, 255, 0)', 'GREEN is #33FF00');
    assert.equal(greenFacts.fontFamily, roomFacts.fontFamily, 'one font');
    const red = await badgeFacts(badge(page.getByRole('group', { name: 'Sharing label' }), 'RED'));
    assert.equal(red.color, 'rgb(255, 43, 43)', 'RED is #FF2B2B');
    const clear = await badgeFacts(badge(page.getByRole('group', { name: 'Sharing label' }), 'CLEAR'));
    assert.equal(clear.color, 'rgb(255, 255, 255)', 'CLEAR is white');
    session.assertClean();
  });
});
