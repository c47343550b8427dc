/**
 * Opens a browser page that records every console error or warning, uncaught exception and Content
 * Security Policy violation, so each test can assert the client ran cleanly under the server's CSP.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Where screenshots go; look at them after a run. */
export const SCREENSHOT_DIR = '/tmp/concordia-e2e';

/** An API answer a test provokes on purpose, which Chromium logs as "Failed to load resource". */
export type ExpectedFailure =
  | {
      status: number;
      /** The path of the request, e.g. `/api/v1/applications`. */
      path: string;
    }
  | {
      /** The test took the page offline: a request in flight or started then fails with no answer. */
      offline: true;
    };

/** For a page a test takes offline on purpose (`context.setOffline(true)`). */
export const WENT_OFFLINE: ExpectedFailure = { offline: true };

/** A page and what went wrong on it. */
export interface Session {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Fails the test if anything but the `expected` API failures was logged. */
  assertClean: (expected?: ExpectedFailure[]) => void;
  /** Saves a full-page screenshot as SCREENSHOT_DIR/`name`.png. */
  screenshot: (name: string) => Promise<string>;
}

const open = new Set<BrowserContext>();

/**
 * Failures every page may log: the client asks GET /api/v1/me on load to learn who is signed in, and
 * the server answers 401 when nobody is (Chromium logs that as a failed resource).
 */
const ALWAYS_EXPECTED: ExpectedFailure[] = [{ status: 401, path: '/api/v1/me' }];

const FAILED_RESOURCE = /^Failed to load resource: the server responded with a status of (\d{3})/;
const OFFLINE_RESOURCE = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/;

function isExpected(text: string, url: string, expected: ExpectedFailure[]): boolean {
  if (OFFLINE_RESOURCE.test(text)) return expected.some((e) => 'offline' in e);
  const status = FAILED_RESOURCE.exec(text)?.[1];
  if (!status) return false;
  const pathname = url ? new URL(url).pathname : '';
  return expected.some((e) => 'status' in e && String(e.status) === status && e.path === pathname);
}

/** Opens a page in a fresh context (no stored language) with the browser language `locale`. */
export async function openSession(
  browser: Browser,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Session> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    viewport: options.viewport ?? { width: 1100, height: 800 },
    reducedMotion: 'reduce',
  });
  open.add(context);
  // Runs in the page before its scripts (injected by the debugger, so the page's CSP does not apply):
  // reports CSP violations to the console, where they are collected below.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  const page = await context.newPage();
  const logged: { text: string; url: string }[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      logged.push({ text: `console.${message.type()}: ${message.text()}`, url: message.location().url });
    }
  });
  page.on('pageerror', (error) => logged.push({ text: `uncaught: ${error.message}`, url: '' }));
  page.on('crash', () => logged.push({ text: 'the page crashed', url: '' }));

  return {
    page,
    context,
    get problems() {
      return logged.map((entry) => entry.text);
    },
    assertClean(expected = []) {
      const unexpected = logged.filter(
        (entry) =>
          !isExpected(entry.text.replace(/^console\.\w+: /, ''), entry.url, [
            ...ALWAYS_EXPECTED,
            ...expected,
          ]),
      );
      assert.deepEqual(
        unexpected.map((entry) => `${entry.text}${entry.url ? ` (${entry.url})` : ''}`),
        [],
        'the page logged errors, warnings or CSP violations',
      );
    },
    async screenshot(name: string) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
  };
}

/**
 * For a failed test: saves a screenshot of every page still open and prints its address and the start
 * of its text, so a failure in CI (where only the log is kept) shows what the person saw.
 */
export async function reportOpenPages(title: string): Promise<void> {
  const slug = title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  const pages = [...open].flatMap((context) => context.pages());
  for (const [index, page] of pages.entries()) {
    try {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `failed-${slug}-${index}.png`);
      await page.screenshot({ path: file, fullPage: true, timeout: 5_000 });
      const text = (await page.locator('body').innerText({ timeout: 5_000 })).replace(/\s+/g, ' ');
      process.stdout.write(`    page ${index}: ${page.url()} (${file})\n      ${text.slice(0, 1_500)}\n`);
    } catch (error) {
      process.stdout.write(`    page ${index}: ${page.url()} could not be captured: ${String(error)}\n`);
    }
  }
}

/** Closes every context opened since the last call (root afterEach hook). */
export async function closeOpenPages(): Promise<void> {
  const contexts = [...open];
  open.clear();
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
}
