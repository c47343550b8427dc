/** The public membership application, against the real server: refusals, field errors, receipt, 429. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';
import { startServer, type RunningServer } from './support/server.js';

const APPLICATIONS = '/api/v1/applications';

interface Answers {
  cityName: string;
  kind: string;
  country: string;
  hub: string;
  contactName: string;
  email: string;
  position: string;
  message: string;
}

const VALID: Answers = {
  cityName: 'Ciudad de Prueba',
  kind: 'Municipality',
  country: 'Chile',
  hub: 'North America',
  contactName: 'Ana Rojas',
  email: 'ana.rojas@prueba.example',
  position: 'Head of community safety',
  message: 'We would like to join the network.\nThank you.',
};

async function fill(page: Page, answers: Answers): Promise<void> {
  await page.getByLabel('Name of the city or authority').fill(answers.cityName);
  await page.getByLabel('Kind of authority').selectOption({ label: answers.kind });
  await page.getByLabel('Country').selectOption({ label: answers.country });
  await page.getByLabel('Regional hub').selectOption({ label: answers.hub });
  await page.getByLabel('Full name').fill(answers.contactName);
  await page.getByLabel('E-mail address').fill(answers.email);
  await page.getByLabel('Position').fill(answers.position);
  await page.getByLabel('Message to the network').fill(answers.message);
}

async function openForm(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/apply`);
  await page.getByRole('heading', { level: 1, name: 'Apply for membership' }).waitFor();
  // The hub list arrives from the API; wait for it so the hub can be chosen.
  await page.locator('#apply-hub option', { hasText: 'North America' }).waitFor({ state: 'attached' });
}

function countPosts(page: Page): () => number {
  let posts = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === APPLICATIONS) posts++;
  });
  return () => posts;
}

describe('membership application (/apply)', () => {
  it('shows the seven principles and blocks sending until the pledge is ticked', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    const posts = countPosts(page);
    await openForm(page, baseUrl);
    assert.equal(await page.title(), 'Apply for membership – Concordia');
    assert.equal(await page.locator('.principles li').count(), 7);
    await page.getByRole('group', { name: /^The principles \(version \W?2026-1\W?\)$/ }).waitFor();
    await session.screenshot('apply-en');

    await fill(page, VALID);
    await page.getByRole('button', { name: 'Send the application' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'The application was not sent' }).waitFor();
    await alert.getByRole('link', { name: /Pledge of the principles: Tick the box/ }).waitFor();
    const pledge = page.getByLabel('I pledge these principles on behalf of my city');
    assert.equal(await pledge.getAttribute('aria-invalid'), 'true');
    const describedBy = (await pledge.getAttribute('aria-describedby')) ?? '';
    assert.match((await page.locator(`#${describedBy}`).textContent()) ?? '', /Tick the box to pledge/);
    assert.equal(posts(), 0, 'nothing was sent');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
    assert.equal(await page.getByLabel('E-mail address').inputValue(), VALID.email, 'answers are kept');

    // The summary's link takes the keyboard to the checkbox.
    await alert.getByRole('link', { name: /Pledge of the principles/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'apply-pledged');
    await session.screenshot('apply-missing-pledge-en');
    session.assertClean();
  });

  it("shows the server's error beside a hostile e-mail address and keeps every answer", async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await openForm(page, baseUrl);
    const hostile = { ...VALID, email: '"><img src=x onerror=alert(1)>@example' };
    await fill(page, hostile);
    await page.getByLabel('I pledge these principles on behalf of my city').check();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === APPLICATIONS);
    await page.getByRole('button', { name: 'Send the application' }).click();
    assert.equal((await answered).status(), 400);

    const alert = page.getByRole('alert');
    await alert.getByText('The body does not match the expected shape.').waitFor();
    const email = page.getByLabel('E-mail address');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const describedBy = ((await email.getAttribute('aria-describedby')) ?? '').split(' ');
    assert.ok(describedBy.includes('apply-email-error'), `described by ${describedBy.join(' ')}`);
    assert.match(
      (await page.locator('#apply-email-error').textContent()) ?? '',
      /Enter a valid e-mail address/,
    );
    assert.ok(await page.locator('#apply-email-error').isVisible());
    // Only the e-mail is marked; every answer is still there, exactly as typed.
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 1);
    assert.equal(await email.inputValue(), hostile.email);
    assert.equal(await page.getByLabel('Name of the city or authority').inputValue(), hostile.cityName);
    assert.equal(await page.getByLabel('Kind of authority').inputValue(), 'municipality');
    assert.equal(await page.getByLabel('Country').inputValue(), 'CL');
    assert.equal(await page.getByLabel('Regional hub').inputValue(), 'north-america');
    assert.equal(await page.getByLabel('Message to the network').inputValue(), hostile.message);
    assert.ok(await page.getByLabel('I pledge these principles on behalf of my city').isChecked());
    assert.equal(await page.locator('img[src="x"]').count(), 0, 'the input was never rendered as markup');
    assert.equal(dialogs, 0);
    await session.screenshot('apply-invalid-email-en');

    // Correcting the address clears its error and the application goes through.
    await email.fill('ana@prueba.example');
    assert.equal(await email.getAttribute('aria-invalid'), null);
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();
    session.assertClean([{ status: 400, path: APPLICATIONS }]);
  });

  it('sends a valid application, shows progress while sending, then the reference with focus on it', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await openForm(page, baseUrl);
    await fill(page, VALID);
    await page.getByLabel('I pledge these principles on behalf of my city').check();

    // Hold the request (it still reaches the real server) to see the form while it is on its way.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${APPLICATIONS}`, async (route) => {
      await held;
      await route.continue();
    });
    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === APPLICATIONS);
    await page.getByRole('button', { name: 'Send the application' }).click();
    const request = await sent;
    const button = page.getByRole('button', { name: 'Sending…' });
    await button.waitFor();
    assert.ok(await button.isDisabled(), 'the submit button is disabled while sending');
    await page.getByRole('status').filter({ hasText: 'Sending your application…' }).waitFor();
    assert.deepEqual(request.postDataJSON(), {
      city: { name: VALID.cityName, kind: 'municipality', country: 'CL', hub: 'north-america' },
      contact: { name: VALID.contactName, email: VALID.email, position: VALID.position },
      pledge: { version: '2026-1', accepted: true },
      message: VALID.message,
    });
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === APPLICATIONS);
    release();
    assert.equal((await answered).status(), 201);

    const confirmation = page.getByRole('region', { name: 'Application received' });
    await confirmation.waitFor();
    const reference = (await page.locator('#application-reference').textContent()) ?? '';
    assert.match(reference, /^[a-f0-9]{24}$/);
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby')),
      'confirmation-title',
      'focus moved to the confirmation',
    );
    assert.equal(await page.title(), 'Application received – Concordia');
    await session.screenshot('apply-confirmation-en');
    session.assertClean();
  });
});

describe('membership application when rate limited', () => {
  let limited: RunningServer;
  before(async function () {
    this.timeout(90_000);
    limited = await startServer({ RATE_LIMIT_PUBLIC_FORMS_PER_HOUR: '1' });
  });
  after(async function () {
    this.timeout(30_000);
    await limited?.stop();
  });

  it('tells how long to wait (from Retry-After) and keeps the answers', async () => {
    const { browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await openForm(page, limited.url);
    await fill(page, VALID);
    await page.getByLabel('I pledge these principles on behalf of my city').check();
    await page.getByRole('button', { name: 'Send the application' }).click();
    await page.getByRole('heading', { name: 'Application received' }).waitFor();

    await openForm(page, limited.url);
    await fill(page, { ...VALID, cityName: 'Second City' });
    await page.getByLabel('I pledge these principles on behalf of my city').check();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === APPLICATIONS);
    await page.getByRole('button', { name: 'Send the application' }).click();
    const response = await answered;
    assert.equal(response.status(), 429);
    const retryAfter = Number(await response.headerValue('retry-after'));
    assert.ok(retryAfter > 3000, `Retry-After ${retryAfter}`);

    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: 'Too many applications from this connection' }).waitFor();
    await alert.getByText(/Please send it again in 60 minutes\./).waitFor();
    assert.equal(await page.getByLabel('Name of the city or authority').inputValue(), 'Second City');
    assert.ok(await page.getByRole('button', { name: 'Send the application' }).isEnabled());
    await session.screenshot('apply-rate-limited-en');
    session.assertClean([{ status: 429, path: APPLICATIONS }]);
  });
});
