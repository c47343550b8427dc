/** Keyboard use, landmarks, labels, focus visibility and the strict Content Security Policy. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e } from './support/hooks.js';
import { openSession } from './support/page.js';

const active = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName.toLowerCase(), id: element?.id, text: element?.textContent?.trim() };
  });

/** Presses Tab until the focused element has `id` or `text`; fails after `max` presses. */
async function tabTo(page: Page, target: { id?: string; text?: string }, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await active(page);
    if ((target.id && focused.id === target.id) || (target.text && focused.text === target.text)) return;
  }
  assert.fail(`Tab never reached ${JSON.stringify(target)}`);
}

describe('accessibility', () => {
  it('puts the skip link first; it moves focus to the main content', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown' }).waitFor();

    await page.keyboard.press('Tab');
    assert.deepEqual(await active(page), { tag: 'a', id: '', text: 'Skip to main content' });
    const box = await page.getByRole('link', { name: 'Skip to main content' }).boundingBox();
    assert.ok(box && box.y >= 0 && box.height > 0, 'the skip link is visible when focused');
    await session.screenshot('skip-link-focused');

    await page.keyboard.press('Enter');
    assert.equal((await active(page)).id, 'main');
    assert.equal(new URL(page.url()).hash, '', 'the address stays clean');
    // The next Tab continues inside the main content, past the header.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.closest('main') !== null);
    assert.ok(next, 'the next Tab stops inside main');
    session.assertClean();
  });

  it('has one of each landmark and labels every form control', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    const pages: Record<string, string> = {
      '/': 'Member cities shown: 9.',
      '/apply': 'I pledge these principles on behalf of my city',
      '/cities/amman': 'Holds a seat on the committee',
      '/missing': 'There is no page at this address.',
    };
    for (const [path, loaded] of Object.entries(pages)) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByText(loaded).first().waitFor();
      for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) {
        assert.equal(await page.getByRole(role).count(), 1, `${path}: one ${role} landmark`);
      }
      assert.equal(await page.locator('h1').count(), 1, `${path}: one h1`);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
          .filter((control) => (control.labels?.length ?? 0) === 0 && !control.getAttribute('aria-label'))
          .map((control) => control.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, [], `${path}: every control has a label`);
    }
    session.assertClean();
  });

  it('filters the directory with the keyboard alone, with a visible focus indicator', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    await page.goto(`${baseUrl}/`);
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 9.' }).waitFor();

    await tabTo(page, { id: 'filter-hub' });
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.equal(outline.style, 'solid');
    assert.ok(outline.width >= 2, `focus outline is ${outline.width}px`);
    await page.keyboard.type('South Asia');
    await page.keyboard.press('Tab'); // country
    await page.keyboard.press('Tab'); // kind
    await page.keyboard.press('Tab'); // submit
    assert.equal((await active(page)).text, 'Show cities');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Member cities shown: 1.' }).waitFor();

    // Follow the city link, from the keyboard too.
    await tabTo(page, { text: 'Dhaka North' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Dhaka North' }).waitFor();
    assert.equal((await active(page)).id, 'main');
    session.assertClean();
  });

  it('serves the client under a strict CSP without violating it', async () => {
    const { baseUrl, browser } = e2e();
    const session = await openSession(browser);
    const { page } = session;
    const response = await page.goto(`${baseUrl}/apply`);
    const csp = (await response?.headerValue('content-security-policy')) ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /style-src 'self'(;|$)/);
    await page.getByRole('heading', { level: 1, name: 'Apply for membership' }).waitFor();
    const html = await (await fetch(`${baseUrl}/`)).text();
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
    assert.doesNotMatch(html, /<style|style="/, 'no inline style');
    const external = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((url) => new URL(url).origin !== location.origin),
    );
    assert.deepEqual(external, [], 'nothing is loaded from another origin');
    session.assertClean();
  });
});
