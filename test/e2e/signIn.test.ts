/**
 * Signing in and out against the real server: the development identity provider (SAML, full-page
 * round trip), a local account created with the real admin command line, invitations and Arabic.
 */
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { inviteLink } from './support/admin.js';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { startServer, type RunningServer } from './support/server.js';

const LOGIN = '/api/v1/auth/login';
const ACCEPT = '/api/v1/auth/invitations/accept';
const PRACTITIONER = 'practitioner@catalonia.demo.concordia.example';
const EXPERT = 'expert@demo.concordia.example';

/** Opens an invitation link in `page` and sets `password` with it. */
async function acceptInvitation(page: Page, link: string, password: string): Promise<void> {
  await page.goto('about:blank'); // a new document each time, as when a link is opened from an e-mail
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save the password' }).click();
}

/** Fills in and sends the local sign-in form of /sign-in. */
async function signInLocally(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** The status of GET /api/v1/me, asked from inside the page (with its cookies). */
function meStatus(page: Page): Promise<number> {
  return page.evaluate(async () => (await fetch('/api/v1/me')).status);
}

describe('sign-in (/sign-in)', () => {
  it("signs in through the city's identity provider, keeps the session on reload, and signs out", async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/cities/nairobi`);
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Concordia' }).waitFor();
    assert.equal(new URL(page.url()).search, '?returnTo=%2Fcities%2Fnairobi');
    assert.equal(await page.title(), 'Sign in – Concordia');
    const provider = page.getByRole('link', { name: /Nairobi/ });
    assert.equal(
      await provider.getAttribute('href'),
      '/auth/saml/demo/login?returnTo=%2Fcities%2Fnairobi',
      'the provider link starts the SAML round trip and comes back to the page we left',
    );
    await session.screenshot('sign-in-en');

    await provider.click();
    await page.waitForURL((url) => url.pathname === '/dev-idp/sso');
    await page.getByRole('button', { name: 'Wanjiru Kamau' }).click();
    await page.waitForURL(`${baseUrl}/cities/nairobi`);
    await banner.getByRole('link', { name: 'Wanjiru Kamau' }).waitFor();
    await banner.getByText('Nairobi', { exact: true }).waitFor();
    assert.equal(await meStatus(page), 200);
    await session.screenshot('sign-in-signed-in-en');

    await page.reload();
    await banner.getByRole('link', { name: 'Wanjiru Kamau' }).waitFor();

    // The account page says how they signed in and offers both ways out.
    await banner.getByRole('link', { name: 'Wanjiru Kamau' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText("With your city's account").waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();

    await banner.getByRole('button', { name: 'Sign out' }).click();
    await banner.getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await banner.getByText('Wanjiru Kamau').count(), 0);
    assert.equal(await meStatus(page), 401);
    await page.reload();
    await banner.getByRole('link', { name: 'Sign in' }).waitFor();
    session.assertClean();
  });

  it('signs in with a local account set up from an invitation made with the admin command line', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const link = await inviteLink({ baseUrl, dataDir }, PRACTITIONER);
    assert.match(link, new RegExp(`^${baseUrl}/accept-invitation#token=[A-Za-z0-9_-]{20,}$`));

    const session = await openSession(browser);
    const { page } = session;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address');
    await page.getByText('Between 12 and 256 characters').waitFor();

    // Too short, then not repeated the same: the form says so and sends nothing.
    const password = page.getByLabel('New password', { exact: true });
    const again = page.getByLabel('New password again');
    await password.fill('short');
    await again.fill('short');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('alert').getByText('The password was not saved').waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    await password.fill('a long and memorable passphrase');
    await again.fill('a long and memorable passphrase!');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    assert.equal(await again.getAttribute('aria-invalid'), 'true');
    await again.fill('a long and memorable passphrase');
    await session.screenshot('sign-in-accept-invitation-en');
    await page.getByRole('button', { name: 'Save the password' }).click();
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')),
      'set-password-done',
    );

    await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Concordia' }).waitFor();
    const email = page.getByLabel('E-mail address');
    await email.fill(PRACTITIONER);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('The e-mail address or the password is wrong').waitFor();
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'sign-in-error',
      'focus on the alert',
    );
    assert.equal(await email.inputValue(), PRACTITIONER, 'the e-mail is kept');
    await session.screenshot('sign-in-wrong-password-en');

    await page.getByLabel('Password', { exact: true }).fill('a long and memorable passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Lucía Fernández' }).waitFor();
    await page.getByRole('banner').getByText('Catalonia', { exact: true }).waitFor();
    assert.equal(await meStatus(page), 200);

    // Sign out everywhere from the account page.
    await page.getByRole('banner').getByRole('link', { name: 'Lucía Fernández' }).click();
    await page.getByText('With a Concordia account').waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText(/You are signed out everywhere\. Sessions ended: \d+\./).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    assert.equal(await meStatus(page), 401);
    session.assertClean([{ status: 401, path: LOGIN }]);
  });

  it('explains that a used invitation link is not valid any more', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const link = await inviteLink({ baseUrl, dataDir }, 'practitioner@sousse.demo.concordia.example');
    const session = await openSession(browser);
    const { page } = session;
    await acceptInvitation(page, link, 'another long passphrase');
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();
    await acceptInvitation(page, link, 'another long passphrase');
    const alert = page.getByRole('alert');
    await alert.getByText('This link is not valid any more: it was already used, or it expired.').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'set-password-error');
    assert.equal(
      await page.getByLabel('New password', { exact: true }).inputValue(),
      'another long passphrase',
      'what was typed is kept',
    );
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await session.screenshot('sign-in-invitation-used-en');
    session.assertClean([{ status: 400, path: ACCEPT }]);
  });

  it('sets up the authenticator app when a second factor is required, then accepts a recovery code', async () => {
    const { baseUrl, dataDir, browser } = e2e();
    const link = await inviteLink({ baseUrl, dataDir }, EXPERT);
    const session = await openSession(browser);
    const { page } = session;
    const password = 'an expert passphrase of some length';
    await acceptInvitation(page, link, password);
    await page.getByRole('heading', { name: 'Your password is set' }).waitFor();

    await signInLocally(page, baseUrl, EXPERT, password);
    const heading = page.getByRole('heading', { name: 'Set up your authenticator app' });
    await heading.waitFor();
    await page.locator('#totp-secret').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H3', 'focus on the new step');
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    const code = page.getByLabel('Six-digit code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    await session.screenshot('sign-in-enrol-en');

    await code.fill('000000');
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('alert').getByText('The code is wrong or has expired').waitFor();
    assert.equal(await code.inputValue(), '000000', 'the code is kept');
    await code.fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    const recoveryCodes = await page.locator('.recovery-codes code').allTextContents();
    assert.ok(recoveryCodes.length >= 5, `${recoveryCodes.length} recovery codes`);
    const next = page.getByRole('button', { name: 'Continue' });
    assert.ok(await next.isDisabled(), 'Continue waits until the codes are stored');
    await session.screenshot('sign-in-recovery-codes-en');
    await page.getByLabel('I have stored my recovery codes').check();
    await next.click();
    const banner = page.getByRole('banner');
    await banner.getByRole('link', { name: 'Claire Dubois' }).waitFor();

    // Next time: the password, then the second step, here with a recovery code.
    await banner.getByRole('button', { name: 'Sign out' }).click();
    await banner.getByRole('link', { name: 'Sign in' }).waitFor();
    await signInLocally(page, baseUrl, EXPERT, password);
    await page.getByRole('heading', { name: 'Second step: your authenticator app' }).waitFor();
    const second = page.getByLabel('Six-digit code');
    assert.equal(await second.getAttribute('inputmode'), 'numeric');
    assert.equal(await second.getAttribute('autocomplete'), 'one-time-code');
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Verify' }).click();
    await banner.getByRole('link', { name: 'Claire Dubois' }).waitFor();
    assert.equal(await meStatus(page), 200);
    session.assertClean([{ status: 400, path: '/api/v1/auth/totp/confirm' }]);
  });

  it('says the same thing whether or not an account exists when a reset link is asked for', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('E-mail address').fill('nobody@nowhere.example');
    await page.getByRole('button', { name: 'Send me a link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await page.getByText('If an account exists for this address, we sent a link to it.').waitFor();

    // A reset page opened without its token explains what to do.
    await page.goto(`${baseUrl}/reset-password`);
    await page.getByRole('alert').getByText('This address is incomplete.').waitFor();
    session.assertClean();
  });

  it('is right to left and translated in Arabic', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser, { locale: 'ar' });
    const { page } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { level: 1, name: 'تسجيل الدخول إلى كونكورديا' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
    assert.equal(await page.title(), 'تسجيل الدخول – Concordia');
    await page.getByRole('heading', { name: 'بحساب مدينتك' }).waitFor();
    await page.getByLabel('عنوان البريد الإلكتروني').waitFor();
    await page.getByRole('link', { name: 'هل نسيت كلمة المرور؟' }).waitFor();
    // The city providers' part comes first, so in right to left it sits on the right.
    const city = await page.getByRole('heading', { name: 'بحساب مدينتك' }).boundingBox();
    const local = await page.getByRole('heading', { name: 'بحساب كونكورديا' }).boundingBox();
    assert.ok(city && local && city.x > local.x, 'the two parts are laid out right to left');
    await session.screenshot('sign-in-ar');

    await page.getByLabel('عنوان البريد الإلكتروني').fill('nobody@nowhere.example');
    await page.getByLabel('كلمة المرور', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'تسجيل الدخول', exact: true }).click();
    await page.getByRole('alert').getByText('عنوان البريد الإلكتروني أو كلمة المرور غير صحيحة').waitFor();
    await session.screenshot('sign-in-wrong-password-ar');

    // Signed in, the header shows the person and the sign-out button, mirrored.
    await page.getByRole('link', { name: /Nairobi/ }).click();
    await page.getByRole('button', { name: 'Wanjiru Kamau' }).click();
    await page.waitForURL(`${baseUrl}/`);
    const banner = page.getByRole('banner');
    await banner.getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
    const name = await banner.getByRole('link', { name: 'Wanjiru Kamau' }).boundingBox();
    const brand = await banner.getByRole('link', { name: 'Concordia' }).boundingBox();
    assert.ok(name && brand && name.x < brand.x, 'the account area is on the left in right to left');
    await session.screenshot('sign-in-signed-in-ar');
    session.assertClean([{ status: 401, path: LOGIN }]);
  });
});

describe('sign-in when locked out', () => {
  let limited: RunningServer;
  before(async function () {
    this.timeout(90_000);
    limited = await startServer({ LOGIN_FAILURES_PER_IP_PER_HOUR: '1' });
  });
  after(async function () {
    this.timeout(30_000);
    await limited?.stop();
  });

  it('tells how long to wait (from Retry-After) and keeps what was typed', async () => {
    const { browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${limited.url}/sign-in`);
    const email = page.getByLabel('E-mail address');
    await email.fill('nobody@nowhere.example');
    await page.getByLabel('Password', { exact: true }).fill('a guess');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('The e-mail address or the password is wrong').waitFor();

    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === LOGIN);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const response = await answered;
    assert.equal(response.status(), 429);
    assert.ok(Number(await response.headerValue('retry-after')) > 3000);
    await page.getByRole('alert').getByText('Too many attempts. Please try again in 60 minutes;').waitFor();
    assert.equal(await email.inputValue(), 'nobody@nowhere.example');
    assert.ok(await page.getByRole('button', { name: 'Sign in', exact: true }).isEnabled());
    await session.screenshot('sign-in-locked-out-en');
    session.assertClean([
      { status: 401, path: LOGIN },
      { status: 429, path: LOGIN },
    ]);
  });
});
