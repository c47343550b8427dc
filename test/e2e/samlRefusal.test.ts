/**
 * Login CSRF in real browsers: a signed answer to a sign-in started in one browser (the attacker's),
 * posted to the ACS through another (the victim's), is refused; the victim lands on the sign-in page
 * with a translated explanation (English and Arabic) and is not signed in. The page passes axe-core.
 */
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible } from './support/axe.js';
import { DEMO_PEOPLE } from './support/devSignIn.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

/** Starts a sign-in as the mayor of Amman in a browser of its own and keeps the signed answer. */
async function attackersSignedAnswer(browser: Browser, baseUrl: string): Promise<string> {
  const attacker = await openSession(browser);
  const { page } = attacker;
  // The attacker stops their own browser before it reaches the ACS, and keeps the answer.
  let keep: (answer: string | null) => void = () => undefined;
  const answered = new Promise<string | null>((resolve) => (keep = resolve));
  await page.route('**/auth/saml/*/acs', async (route) => {
    keep(new URLSearchParams(route.request().postData() ?? '').get('SAMLResponse'));
    await route.abort();
  });
  await page.goto(`${baseUrl}/auth/saml/demo-amman/login`);
  await page.getByRole('button', { name: DEMO_PEOPLE.mayorOfAmman.name, exact: true }).click();
  const answer = await answered;
  await attacker.context.close();
  assert.ok(answer, 'the development provider answered with a signed SAMLResponse');
  return answer;
}

describe('sign-in through a city: bound to the browser that started it', () => {
  for (const { locale, text } of [
    { locale: 'en-GB', text: 'The sign-in was started in another browser or window' },
    { locale: 'ar', text: 'بدأ تسجيل الدخول في متصفح أو نافذة أخرى' },
  ]) {
    it(`refuses an answer posted through another browser, and says why (${locale})`, async () => {
      const { baseUrl, browser } = e2e();
      const answer = await attackersSignedAnswer(browser, baseUrl);
      const victim = await openSession(browser, { locale });
      const { page } = victim;
      await page.goto(`${baseUrl}/sign-in`);
      // The attacker's page makes the victim's browser post the answer to our ACS.
      await page.evaluate(
        ({ action, value }) => {
          const form = document.createElement('form');
          form.method = 'post';
          form.action = action;
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = 'SAMLResponse';
          input.value = value;
          form.append(input);
          document.body.append(form);
          form.submit();
        },
        { action: `${baseUrl}/auth/saml/demo-amman/acs`, value: answer },
      );
      await page.waitForURL((url) => url.searchParams.get('samlError') === 'other_browser');
      await page.getByRole('alert').getByText(text, { exact: false }).waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
      assert.equal(me, 401, 'the victim is not signed in as the attacker');
      await assertAccessible(page, `sign-in refusal (${locale})`);
      await victim.screenshot(`saml-refusal-other-browser-${locale}`);
      victim.assertClean();
    });
  }
});
