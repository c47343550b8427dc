/**
 * The member's workspace in the browser against the real server: the home page says what is new for
 * me (mentions, unread rooms, my hubs), the sidebar lists my spaces with unread counts and mentions
 * and follows new messages live (over the socket, without a reload), the areas I may open come from
 * the server's capability flags, and visitors get the public home (hubs, member cities, published
 * CLEAR material) while the directory stays on /cities. Axe-checked at 1280 and 390 px, English and
 * Arabic.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { api, makeHubCoordinator, tokenFor, WANJIRU } from './support/forums.js';
import { e2e } from './support/hooks.js';
import { openSession, type Session } from './support/page.js';
import { adminApi, createHubRoom, signInAtNairobi, type CreatedRoom } from './support/rooms.js';

const NEWCOMER = { name: 'Nyambura Wairimu', email: 'nyambura.wairimu@nairobi.example' };

/**
 * A space's link by its name and spoken counts ("Room, unread messages: 2"): Chromium puts a space
 * before the visually hidden counts, which screen readers pass over.
 */
const spaceLink = (name: string, counts = '') =>
  new RegExp(`^${`${name}${counts}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/,/g, '\\s?,')}$`);

/** The workspace sidebar. */
const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Your workspace' });

/** The signed-in person's id. */
const myId = (page: Page) =>
  page.evaluate(
    async () => ((await (await fetch('/api/v1/me')).json()) as { person: { id: string } }).person.id,
  );

/** Wanjiru writes `body` in `room` over the API (her own token), at `label`. */
async function wanjiruWrites(room: CreatedRoom, body: string, label = 'GREEN'): Promise<void> {
  const server = e2e();
  const token = await tokenFor(server, WANJIRU.email);
  const sent = await api(server, token, 'POST', `/rooms/${room.id}/messages`, {
    clientId: crypto.randomUUID(),
    body,
    label,
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
}

/** Signs the newcomer in and waits for the home page with its sidebar. */
async function newcomerHome(options: { locale?: string; viewport?: { width: number; height: number } } = {}) {
  const { baseUrl, browser } = e2e();
  const session = await openSession(browser, options);
  await signInAtNairobi(session.page, baseUrl, NEWCOMER, '/');
  return session;
}

describe('the member workspace', () => {
  let room: CreatedRoom;
  before(async () => {
    room = await createHubRoom(e2e(), { name: 'Workspace live room' });
  });

  it('shows a member what is new: unread rooms live in the sidebar, mentions, hubs, and clears them when read', async () => {
    const session = await newcomerHome();
    const { page } = session;
    await page.getByRole('heading', { level: 1, name: 'What is new for you' }).waitFor();
    assert.equal(await page.title(), 'Home – Concordia');
    const side = sidebar(page);
    await side.getByRole('link', { name: 'Workspace live room' }).waitFor();
    // The areas everybody signed in may open, and not the consoles of moderators and admins.
    for (const area of ['Home', 'My invitations', 'Create a space', 'Notification settings'])
      await side.getByRole('link', { name: area, exact: true }).waitFor();
    assert.equal(await side.getByRole('link', { name: 'Moderation', exact: true }).count(), 0);
    assert.equal(await side.getByRole('link', { name: 'Administration', exact: true }).count(), 0);
    assert.equal(
      await side.getByRole('link', { name: 'Home', exact: true }).getAttribute('aria-current'),
      'page',
    );
    // My hub, with its forum and member cities.
    const hubs = page.getByRole('region', { name: 'Your hubs and the network' });
    await hubs.getByRole('heading', { level: 3, name: 'East and Southern Africa' }).waitFor();
    await hubs.getByRole('link', { name: 'Member cities of this hub' }).first().waitFor();

    // A message arrives in a room I have not opened: the sidebar counts it live, with no reload.
    await wanjiruWrites(room, 'Who is coming to the workshop on Friday?');
    await side
      .getByRole('link', { name: spaceLink('Workspace live room', ', unread messages: 1') })
      .waitFor();
    await wanjiruWrites(room, 'We meet at the city hall.');
    await side
      .getByRole('link', { name: spaceLink('Workspace live room', ', unread messages: 2') })
      .waitFor();
    const unread = page.getByRole('region', { name: 'Unread in your rooms' });
    await unread
      .getByRole('link', { name: spaceLink('Workspace live room', ', unread messages: 2') })
      .waitFor();

    // A mention in GREEN material shows on the home page and as a mention in the sidebar.
    const me = await myId(page);
    await wanjiruWrites(room, `[@${NEWCOMER.name}](mention:${me}) can you bring the youth report?`);
    const mentions = page.getByRole('region', { name: 'Mentions' });
    await mentions.getByRole('link', { name: `@${NEWCOMER.name} can you bring the youth report?` }).waitFor();
    await mentions.getByText(`${WANJIRU.name} in ${room.name}`).waitFor();
    await side
      .getByRole('link', { name: spaceLink('Workspace live room', ', unread messages: 3, mentions: 1') })
      .waitFor();
    await session.screenshot('workspace-home-en');

    // Opening the room reads it: the count goes at once.
    await side.getByRole('link', { name: /^Workspace live room/ }).click();
    await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
    await page.getByText('We meet at the city hall.').waitFor();
    await side.getByRole('link', { name: spaceLink('Workspace live room', ', mentions: 1') }).waitFor();
    assert.equal(
      await side.getByRole('link', { name: /^Workspace live room/ }).getAttribute('aria-current'),
      'page',
    );
    // Following the mention from the home page marks it read.
    await side.getByRole('link', { name: 'Home', exact: true }).click();
    await mentions.getByRole('link', { name: /can you bring the youth report/ }).click();
    await page.getByRole('heading', { level: 1, name: room.name }).waitFor();
    await side.getByRole('link', { name: spaceLink('Workspace live room') }).waitFor();
    session.assertClean();
  });

  it('links moderators and admins to their consoles from what the server says they may do', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await signInAtNairobi(page, baseUrl, WANJIRU.name, '/');
    const side = sidebar(page);
    // Wanjiru is Nairobi's focal point: the admins' console, for her city.
    await side.getByRole('link', { name: 'Administration', exact: true }).waitFor();
    assert.equal(
      await side.getByRole('link', { name: 'Administration', exact: true }).getAttribute('href'),
      '/admin',
    );
    assert.equal(await side.getByRole('link', { name: 'Moderation', exact: true }).count(), 0);
    // Made a hub coordinator, she gets the moderators' console too.
    const restore = await makeHubCoordinator(e2e(), page);
    try {
      await page.reload();
      await side.getByRole('link', { name: 'Moderation', exact: true }).waitFor();
      assert.equal(
        await side.getByRole('link', { name: 'Moderation', exact: true }).getAttribute('href'),
        '/moderation',
      );
      assert.equal(
        await side.getByRole('link', { name: 'Notification settings' }).getAttribute('href'),
        '/settings/notifications',
      );
      assert.equal(
        await side.getByRole('link', { name: 'Create a space' }).getAttribute('href'),
        '/spaces/new',
      );
      assert.equal(
        await side.getByRole('link', { name: 'My invitations' }).getAttribute('href'),
        '/invitations',
      );
    } finally {
      await restore();
    }
    session.assertClean();
  });

  it('gives visitors the public home with published CLEAR material, and the directory on /cities', async () => {
    const server = e2e();
    const token = await tokenFor(server, WANJIRU.email);
    const slug = `public-library-${Date.now().toString(36)}`;
    await adminApi(server, 'POST', '/spaces', {
      slug,
      name: 'Public library',
      kind: 'network',
      ceiling: 'GREEN',
      defaultLabel: 'CLEAR',
    });
    const body = `${'Schools and youth workers met every month to share early signs. '.repeat(6)}It worked.`;
    const post = await api<{ id: string }>(server, token, 'POST', `/spaces/${slug}/posts`, {
      title: 'A school prevention network in Nairobi',
      body,
      label: 'CLEAR',
    });
    assert.equal(post.status, 201, JSON.stringify(post.body));
    const published = await api(server, token, 'POST', `/posts/${post.body.id}/publish`);
    assert.ok(published.status < 300, JSON.stringify(published.body));
    // Material that is not published stays out, even at CLEAR.
    await api(server, token, 'POST', `/spaces/${slug}/posts`, {
      title: 'An unpublished CLEAR draft',
      body: 'Not for the public yet.',
      label: 'CLEAR',
    });

    const session = await openSession(server.browser);
    const { page } = session;
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Member cities' }).waitFor();
    const material = page.getByRole('region', { name: 'Public material' });
    const item = material.getByRole('article', { name: 'A school prevention network in Nairobi' });
    await item.waitFor();
    assert.match((await item.textContent()) ?? '', /Public library/);
    assert.match((await item.textContent()) ?? '', /TLP:CLEAR/);
    assert.equal(await page.getByText('An unpublished CLEAR draft').count(), 0);
    await item.getByText('Read all').click();
    await item.getByText('It worked.').waitFor();
    await page
      .getByRole('region', { name: 'About the network' })
      .getByRole('link', { name: 'Apply for membership' })
      .waitFor();
    assert.equal(await sidebar(page).count(), 0, 'no workspace for visitors');

    // The directory has its own address too, with its filters there.
    await page.goto(`${server.baseUrl}/cities`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();
    await page.getByRole('region', { name: 'Regional hubs' }).getByRole('link', { name: 'Europe' }).click();
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 2.' }).waitFor();
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/cities?hub=europe');
    session.assertClean();
  });

  describe('accessibility (axe: no serious or critical violation)', () => {
    for (const locale of ['en-GB', 'ar']) {
      for (const width of [1280, 390]) {
        it(`member home and sidebar, ${locale}, ${width} px`, async () => {
          const session: Session = await newcomerHome({ locale, viewport: { width, height: 844 } });
          const { page } = session;
          await page.locator('.member-home h1').waitFor();
          await page.locator('.home-section').first().waitFor();
          if (width < 768) {
            // On a phone the sidebar opens from the menu button.
            await page.locator('#site-menu-button').click();
          }
          await sidebar(page).or(page.getByRole('complementary')).first().waitFor();
          await page.locator('.workspace-list a').nth(4).waitFor();
          await assertAccessible(page, `member home ${locale} ${width}px`);
          await session.screenshot(`workspace-home-${locale}-${width}`);
          session.assertClean();
        });

        it(`public home, ${locale}, ${width} px`, async () => {
          const { baseUrl, browser } = e2e();
          const session = await openSession(browser, { locale, viewport: { width, height: 844 } });
          const { page } = session;
          await page.goto(`${baseUrl}/`);
          await page.locator('.city-list .city-card__name').first().waitFor();
          await page.locator('.public-material__list, .public-material p').first().waitFor();
          await assertAccessible(page, `public home ${locale} ${width}px`);
          if (width < 768) {
            await page.locator('#site-menu-button').click();
            await page.locator('#site-menu').waitFor();
            await assertAccessible(page, `public home with the menu open ${locale} ${width}px`);
          }
          await session.screenshot(`public-home-${locale}-${width}`);
          session.assertClean();
        });
      }
    }
  });
});
