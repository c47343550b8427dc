/**
 * The axe-core check of the pages that came before the consoles (each console's own suite checks its
 * pages): signed in as a demo member, the forums, a topic, the rooms list, a room, search with results,
 * a city page, the account page; signed out, the application form and the sign-in page. At 1280 px and
 * 390 px, in English and in Arabic (right to left): no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE, signInFromChooser } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const WIDTHS = [1280, 390] as const;
const LOCALES = [
  { locale: 'en-GB', language: 'English' },
  { locale: 'ar', language: 'Arabic' },
] as const;

/** Opens `path` and waits until its main heading is there and the network is quiet. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('every page passes axe (serious and critical), signed in and out, 1280 and 390 px, English and Arabic', function () {
  this.timeout(240_000);

  for (const { locale, language } of LOCALES)
    for (const width of WIDTHS)
      it(`${language}, ${width} px`, async () => {
        const { baseUrl, browser } = e2e();
        const visitor = await openSession(browser, { locale, viewport: { width, height: 844 } });
        for (const path of ['/apply', '/sign-in', '/cities/nairobi']) {
          await open(visitor.page, `${baseUrl}${path}`);
          await assertAccessible(visitor.page, `${path} signed out (${language}, ${width}px)`);
        }

        // Signed in at full width (the chooser's helper looks for the name in the header), then narrowed.
        const member = await openSession(browser, { locale, viewport: { width: 1280, height: 844 } });
        const { page } = member;
        await signInFromChooser(page, baseUrl, DEMO_PEOPLE.focalPoint.name, '/forums');
        await page.locator('main h1').first().waitFor();
        await page.setViewportSize({ width, height: 844 });
        const pages: string[] = ['/forums', '/rooms', '/search?q=prevention', '/account', '/cities/nairobi'];
        for (const path of pages) {
          await open(page, `${baseUrl}${path}`);
          await assertAccessible(page, `${path} (${language}, ${width}px)`);
        }
        // A forum topic and a room, reached the way a member reaches them: a topic link on the forums
        // page, else on the first forum's page, else in its first category.
        await open(page, `${baseUrl}/forums`);
        const topicLink = page.locator('main a[href^="/forums/topics/"]').first();
        for (let depth = 0; depth < 2 && (await topicLink.count()) === 0; depth++) {
          await page.locator('main a[href^="/forums/"]:not([href$="/new"])').first().click();
          await page.locator('main h1').first().waitFor();
          await page.waitForLoadState('networkidle');
        }
        await topicLink.click();
        await page.waitForURL((url) => url.pathname.startsWith('/forums/topics/'));
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        await assertAccessible(page, `a forum topic (${language}, ${width}px): ${page.url()}`);
        await open(page, `${baseUrl}/rooms`);
        await page.locator('main a[href^="/rooms/"]').first().click();
        await page.getByRole('textbox').first().waitFor();
        await page.waitForLoadState('networkidle');
        await assertAccessible(page, `a room (${language}, ${width}px): ${page.url()}`);
      });
});
