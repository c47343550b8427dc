/**
 * Signing in from the sign-in page's development chooser (server with demo data): any demo person in
 * any role, by name, with no second factor. A person of a city goes through their city's development
 * identity provider and the real SAML round trip; a person without a city is signed in directly.
 */
import type { Page } from 'playwright-core';

/** The demo people the chooser offers, by the job a tour gives them. */
export const DEMO_PEOPLE = {
  admin: { name: 'Amina Hassan', email: 'admin@demo.concordia.example' },
  moderator: { name: 'Joseph Mwangi', email: 'moderator@demo.concordia.example' },
  hubCoordinator: { name: 'Layla Haddad', email: 'coordinator@amman.demo.concordia.example' },
  expert: { name: 'Claire Dubois', email: 'expert@demo.concordia.example' },
  focalPoint: { name: 'Wanjiru Kamau', email: 'focal@nairobi.demo.concordia.example' },
  mayorOfAmman: { name: 'Omar Al-Khatib', email: 'mayor@amman.demo.concordia.example' },
  mayorOfMontreal: { name: 'Jean Tremblay', email: 'mayor@montreal.demo.concordia.example' },
  mayorOfNairobi: { name: 'Grace Wambui', email: 'mayor@nairobi.demo.concordia.example' },
  practitioner: { name: 'Lucía Fernández', email: 'practitioner@catalonia.demo.concordia.example' },
} as const;

/**
 * Opens /sign-in (coming back to `returnTo`), presses the chooser's button of the demo person named
 * `name` (with the keyboard when `keyboard` is set) and waits until the page is back at `returnTo`,
 * signed in as them.
 */
export async function signInFromChooser(
  page: Page,
  baseUrl: string,
  name: string,
  returnTo = '/',
  options: { keyboard?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  const button = page.getByRole('button', { name, exact: true });
  if (options.keyboard) {
    await button.focus();
    await page.keyboard.press('Enter');
  } else {
    await button.click();
  }
  await page.waitForURL((url) => url.pathname === returnTo);
  await page.getByRole('banner').getByRole('link', { name }).waitFor();
}
