/**
 * Spaces and invitations in the browser against the real server: a mayor creates a leaders-only
 * Chatham House peer room from /spaces/new (the form offers only what the policy allows), invites two
 * mayors; one accepts and one declines at /invitations; a practitioner cannot be invited (the refusal
 * is shown in words); the owner makes a member a room moderator. Then a group conversation of 3 to 20
 * people with clear errors outside those bounds, a hub forum's categories managed in the page, and
 * the axe-core check of every page of the area at 1280 and 390 px in English and Arabic.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { e2e } from './support/hooks.js';
import { openSession, type Session } from './support/page.js';
import { makeHubCoordinator } from './support/forums.js';
import { adminApi, createHubRoom } from './support/rooms.js';

const suffix = Date.now().toString(36);
/** People of the demo city (Nairobi), so the development identity provider signs them in. */
const MAYORS = {
  amani: `Amani Odhiambo ${suffix}`,
  baraka: `Baraka Njoroge ${suffix}`,
  chiku: `Chiku Wambui ${suffix}`,
};
const PRACTITIONER = `Daudi Otieno ${suffix}`;

/** A person of Nairobi made through the admin API (never signed in: no identity at the provider). */
async function makePerson(name: string, roles: string[]): Promise<{ id: string }> {
  return adminApi<{ id: string }>(e2e(), 'POST', '/people', {
    name,
    email: emailOf(name),
    city: 'nairobi',
    roles,
    status: 'active',
  });
}

const emailOf = (name: string) => `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@nairobi.example`;

/**
 * A person who signs in through the development identity provider: first signed in as a newcomer
 * (so the provider's identity and the person are one), then given `roles` by the admin API.
 */
async function signUp(name: string, roles: string[]): Promise<void> {
  const { baseUrl, browser } = e2e();
  const session = await openSession(browser);
  const { page } = session;
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent('/spaces')}`);
  await page.getByRole('link', { name: /Nairobi/ }).click();
  await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-mail').fill(emailOf(name));
  await page.getByRole('button', { name: 'Sign in as a newcomer' }).click();
  await page.waitForURL((url) => url.pathname === '/spaces');
  const me = await page.evaluate(
    async () => ((await (await fetch('/api/v1/me')).json()) as { person: { id: string } }).person.id,
  );
  await adminApi(e2e(), 'PUT', `/people/${me}/roles`, { roles });
  await session.context.close();
}

/** Opens a page signed in as `name` at `path`, through the development identity provider of Nairobi. */
async function signedIn(name: string, path: string, locale?: string): Promise<Session> {
  const { baseUrl, browser } = e2e();
  const session = await openSession(browser, locale ? { locale } : {});
  const { page } = session;
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(path)}`);
  await page.getByRole('link', { name: /Nairobi/ }).click();
  await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForURL((url) => url.pathname === path);
  return session;
}

/** The status line (polite live region) that says `text`. */
const status = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

describe('spaces and invitations', () => {
  let roomPath = '';
  let categoriesPath = '';
  const ROOM = `Transatlantic mayors ${suffix}`;

  before(async function () {
    this.timeout(60_000);
    for (const name of Object.values(MAYORS)) await signUp(name, ['leader']);
    await signUp(PRACTITIONER, ['practitioner']);
    // Enough people to go past 20 in a group conversation.
    for (let i = 1; i <= 18; i++) await makePerson(`Participant ${i} ${suffix}`, ['practitioner']);
  });

  it('a mayor creates a leaders-only Chatham House peer room and invites two mayors; a practitioner is refused', async () => {
    const owner = await signedIn(MAYORS.amani, '/spaces/new');
    const { page } = owner;
    await page.getByRole('heading', { level: 1, name: 'Create a space' }).waitFor();
    // A mayor may create peer rooms only: the form offers nothing else.
    const kinds = page.getByRole('group', { name: 'Kind of space' }).getByRole('radio');
    await kinds.first().waitFor();
    assert.equal(await kinds.count(), 1);
    assert.ok(await page.getByRole('radio', { name: 'Peer room' }).isChecked());
    await page.getByText('Where: Network-wide').waitFor();

    // An empty name is refused in the page, with the field marked.
    await page.getByRole('button', { name: 'Create the space' }).click();
    await page.getByRole('alert').filter({ hasText: 'correct the field marked below' }).waitFor();
    await page.getByText('Give the space a name.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill(ROOM);
    assert.equal(await page.getByLabel('Ceiling').inputValue(), 'RED');
    await page.getByLabel('Default label').selectOption('AMBER');
    await page.getByLabel('Chatham House Rule').check();
    await page.getByLabel('Leaders only').check();
    await assertAccessible(page, 'new space (en, 1100)');
    await page.getByRole('button', { name: 'Create the space' }).click();
    await page.waitForURL((url) => /^\/spaces\/transatlantic-mayors-[a-z0-9-]+$/.test(url.pathname));
    roomPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: ROOM }).waitFor();
    await page.getByText('Peer room · Chatham House Rule · Leaders only').waitFor();
    await page.getByText('You own this space.').waitFor();

    // Two mayors invited, one after the other.
    const invite = async (name: string) => {
      await page.getByLabel('Person to invite').selectOption({ label: `${name} (nairobi)` });
      await page.getByRole('button', { name: 'Send the invitation' }).click();
    };
    await invite(MAYORS.baraka);
    await status(page, `${MAYORS.baraka} is invited.`).waitFor();
    await invite(MAYORS.chiku);
    await status(page, `${MAYORS.chiku} is invited.`).waitFor();
    const pending = page.getByRole('list', { name: 'Pending invitations' });
    await pending.getByText(`${MAYORS.baraka}, invited by ${MAYORS.amani} as Member`).waitFor();
    await pending.getByText(`${MAYORS.chiku}, invited by ${MAYORS.amani} as Member`).waitFor();

    // The practitioner: the policy refuses, and the page says why.
    await invite(PRACTITIONER);
    const refusal = page.getByRole('alert').filter({
      hasText: `${PRACTITIONER} cannot be invited to ${ROOM}: this peer room admits mayors and city leaders only.`,
    });
    await refusal.waitFor();
    assert.equal(await pending.getByText(PRACTITIONER).count(), 0);
    // Inviting the same mayor twice is refused too.
    await invite(MAYORS.baraka);
    await page
      .getByRole('alert')
      .filter({ hasText: 'has an invitation waiting for an answer already' })
      .waitFor();
    await assertAccessible(page, 'space page (en, 1100)');
    await owner.screenshot('space-invitations-en');
    owner.assertClean([
      { status: 400, path: `/api/v1${roomPath}/invitations` },
      { status: 409, path: `/api/v1${roomPath}/invitations` },
    ]);
  });

  it('one mayor accepts and the other declines at /invitations; the owner sees it and names a room moderator', async () => {
    assert.ok(roomPath, 'the room of the first test');
    const baraka = await signedIn(MAYORS.baraka, '/invitations');
    const invitation = baraka.page.getByRole('article', { name: ROOM });
    await invitation.getByText(`Invited by ${MAYORS.amani}, as Member.`).waitFor();
    await invitation.getByText('Chatham House Rule').first().waitFor();
    await assertAccessible(baraka.page, 'invitations (en, 1100)');
    await invitation.getByRole('button', { name: `Accept the invitation to ${ROOM}` }).click();
    await status(baraka.page, `You joined ${ROOM}.`).waitFor();
    await baraka.page.getByRole('link', { name: `Open ${ROOM}` }).click();
    await baraka.page.waitForURL((url) => url.pathname === roomPath);
    await baraka.page.getByText('You are a member.').waitFor();
    // A member who does not manage the room has no invitation form.
    assert.equal(await baraka.page.getByRole('heading', { name: 'Invite someone' }).count(), 0);
    baraka.assertClean();

    const chiku = await signedIn(MAYORS.chiku, '/invitations');
    await chiku.page.getByRole('button', { name: `Decline the invitation to ${ROOM}` }).click();
    await status(chiku.page, `You declined the invitation to ${ROOM}.`).waitFor();
    await chiku.page.getByText('You have no invitation waiting for an answer.').waitFor();
    chiku.assertClean();

    const owner = await signedIn(MAYORS.amani, roomPath);
    const { page } = owner;
    await page.getByText('No invitation is waiting for an answer.').waitFor();
    const members = page.getByRole('list', { name: 'Members' });
    await members.getByText(MAYORS.baraka, { exact: true }).waitFor();
    assert.equal(await members.getByText(MAYORS.chiku, { exact: true }).count(), 0);
    await page.getByRole('button', { name: `Make ${MAYORS.baraka} a room moderator` }).click();
    await status(page, `${MAYORS.baraka} is now a room moderator.`).waitFor();
    await members
      .getByRole('listitem')
      .filter({ hasText: MAYORS.baraka })
      .getByText('Room moderator')
      .waitFor();
    // The owner's own line has no controls.
    assert.equal(await page.getByRole('button', { name: `Remove ${MAYORS.amani}` }).count(), 0);
    owner.assertClean();
  });

  it('starts a group conversation of 3 to 20 people, with clear errors outside those bounds', async () => {
    const session = await signedIn(MAYORS.amani, '/spaces/conversations/new');
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'Start a group conversation' }).waitFor();
    await page.getByLabel('Name of the conversation').fill(`Budget talk ${suffix}`);
    await page.getByLabel('Find people by name').fill(suffix);
    await page.getByRole('checkbox', { name: MAYORS.baraka }).check();
    await page.getByText('Chosen: 1. With you: 2 people.').waitFor();
    await page.getByRole('button', { name: 'Start the conversation' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'a group conversation has at least 3 people, you included (now 2)' })
      .waitFor();
    await assertAccessible(page, 'group conversation (en, 1100)');
    await page.getByRole('checkbox', { name: MAYORS.chiku }).check();
    await page.getByRole('button', { name: 'Start the conversation' }).click();
    await page.waitForURL((url) => /^\/rooms\/[a-f0-9]{24}$/.test(url.pathname));
    await page.getByRole('heading', { level: 1, name: `Budget talk ${suffix}` }).waitFor();
    session.assertClean();
  });

  it('refuses more than 20 people in a group conversation', async () => {
    const session = await signedIn(MAYORS.baraka, '/spaces/conversations/new');
    const { page } = session;
    await page.getByLabel('Find people by name').fill(suffix);
    const boxes = page.getByRole('group', { name: 'People' }).getByRole('checkbox');
    await boxes.first().waitFor();
    const count = await boxes.count();
    assert.ok(count >= 20, `at least 20 people to choose from (${count})`);
    for (let i = 0; i < 20; i++) await boxes.nth(i).check();
    await page.getByText('Chosen: 20. With you: 21 people.').waitFor();
    await page.getByRole('button', { name: 'Start the conversation' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'a group conversation has at most 20 people, you included (now 21)' })
      .waitFor();
    assert.equal(new URL(page.url()).pathname, '/spaces/conversations/new');
    session.assertClean();
  });

  it("manages a hub forum's categories in the page: add, rename, reorder; others are told they cannot", async () => {
    const forum = await createHubRoom(e2e(), { name: `Hub forum ${suffix}` });
    for (const [slug, name] of [
      ['prevention', 'Prevention'],
      ['youth', 'Youth'],
    ])
      await adminApi(e2e(), 'POST', `/spaces/${forum.slug}/forum/categories`, { slug, name });
    const path = `/spaces/${forum.slug}/categories`;
    categoriesPath = path;

    const member = await signedIn(PRACTITIONER, path);
    await member.page.getByText('Only the moderators of this forum can manage its categories.').waitFor();
    member.assertClean();

    const session = await signedIn(MAYORS.chiku, path);
    const { page } = session;
    const restore = await makeHubCoordinator(e2e(), page);
    try {
      await page.reload();
      const list = page.getByRole('list', { name: 'Categories, in order' });
      await list.getByText('Prevention', { exact: true }).waitFor();
      await assertAccessible(page, 'categories (en, 1100)');
      // Add at the end.
      await page.getByLabel('Name', { exact: true }).fill('Après une attaque');
      await page.getByRole('button', { name: 'Add the category' }).click();
      await status(page, 'Après une attaque was added at the end.').waitFor();
      // Rename.
      await page.getByRole('button', { name: 'Rename Youth' }).click();
      await page.getByLabel('New name for Youth').fill('Youth engagement');
      await page.getByRole('button', { name: 'Save' }).click();
      await status(page, 'The category is now called Youth engagement.').waitFor();
      // Move the new one up to the top, with the keyboard.
      await page.getByRole('button', { name: 'Move Après une attaque up' }).focus();
      await page.keyboard.press('Enter');
      await status(page, 'Après une attaque is now number 2.').waitFor();
      await page.getByRole('button', { name: 'Move Après une attaque up' }).click();
      await status(page, 'Après une attaque is now number 1.').waitFor();
      assert.deepEqual(await list.locator('.category-row__name').allTextContents(), [
        'Après une attaque',
        'Prevention',
        'Youth engagement',
      ]);
      // The forum shows the new order to its readers.
      const listed = await adminApi<{ items: { name: string }[] }>(
        e2e(),
        'GET',
        `/spaces/${forum.slug}/forum/categories`,
      );
      assert.deepEqual(
        listed.items.map((c) => c.name),
        ['Après une attaque', 'Prevention', 'Youth engagement'],
      );
    } finally {
      await restore();
    }
    session.assertClean();
  });

  it('passes the accessibility check on every page of the area, at 1280 and 390 px, in English and Arabic', async function () {
    this.timeout(240_000);
    assert.ok(roomPath, 'the room of the first test');
    for (const locale of ['en-GB', 'ar']) {
      const session = await signedIn(MAYORS.baraka, '/spaces', locale);
      const { page } = session;
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 844 });
        const paths = ['/spaces', '/spaces/new', roomPath, '/invitations', '/spaces/conversations/new'];
        for (const path of [...paths, ...(categoriesPath ? [categoriesPath] : [])]) {
          await page.goto(`${e2e().baseUrl}${path}`);
          await page.locator('h1').first().waitFor();
          await page.waitForLoadState('networkidle');
          // Checked as people see it once loaded, not while a list is still on its way.
          await page.waitForFunction(
            () => !/Loading…|جارٍ التحميل…/.test(document.querySelector('main')?.textContent ?? ''),
          );
          await assertAccessible(page, `${path} (${locale}, ${width})`);
          if (locale === 'ar') {
            const dir = await page.evaluate(() => document.documentElement.dir);
            assert.equal(dir, 'rtl', `${path} is right to left in Arabic`);
          }
        }
      }
      if (locale === 'ar') {
        await page.goto(`${e2e().baseUrl}/spaces/new`);
        await page.getByRole('heading', { level: 1, name: 'إنشاء مساحة' }).waitFor();
        await page.getByRole('radio', { name: 'غرفة الأقران' }).waitFor();
        await session.screenshot('spaces-new-ar-390');
      }
      session.assertClean();
    }
  });

  it('says the refusal and the forms in French and Spanish too', async () => {
    assert.ok(roomPath, 'the room of the first test');
    const french = await signedIn(MAYORS.amani, roomPath, 'fr-FR');
    await french.page.getByRole('heading', { level: 2, name: "Inviter quelqu'un" }).waitFor();
    await french.page.getByLabel('Personne à inviter').selectOption({ label: `${PRACTITIONER} (nairobi)` });
    await french.page.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await french.page
      .getByRole('alert')
      .filter({
        hasText: `${PRACTITIONER} ne peut pas être invité à ${ROOM} : ce salon entre pairs n'admet que les maires et dirigeants de villes.`,
      })
      .waitFor();
    french.assertClean([{ status: 400, path: `/api/v1${roomPath}/invitations` }]);

    const spanish = await signedIn(MAYORS.chiku, '/spaces/new', 'es-ES');
    await spanish.page.getByRole('heading', { level: 1, name: 'Crear un espacio' }).waitFor();
    await spanish.page.getByRole('radio', { name: 'Sala entre pares' }).waitFor();
    await spanish.page.getByLabel('Solo líderes').waitFor();
    spanish.assertClean();
  });
});
