/**
 * Pages of the demo server for the Expert Pool and library tours: opening a page signed in as a demo
 * person (through the sign-in page's chooser), waiting until its content is loaded, and finding the
 * polite live region that says a given text.
 */
import type { Page } from 'playwright-core';
import { signInFromChooser } from './devSignIn.js';
import { e2e } from './hooks.js';
import { openSession, type Session } from './page.js';

/** Opens a page signed in as the demo person `name` at `path`. */
export async function signedIn(name: string, path: string, locale?: string): Promise<Session> {
  const { baseUrl, browser } = e2e();
  const session = await openSession(browser, locale ? { locale } : {});
  await signInFromChooser(session.page, baseUrl, name, path);
  return session;
}

/** Waits until the main content is loaded (no "Loading…" left). */
export async function loaded(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      !/Loading…|جارٍ التحميل…|Chargement…|Cargando…/.test(document.querySelector('main')?.textContent ?? ''),
  );
}

/** The status line (polite live region) that says `text`. */
export const status = (page: Page, text: string | RegExp) =>
  page.getByRole('status').filter({ hasText: text });
