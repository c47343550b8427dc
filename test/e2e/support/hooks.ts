/**
 * Mocha root hooks for the end-to-end run: one real server and one browser for all test files,
 * stopped at the end. Pages opened during a test are closed after it (captured first if it failed).
 */
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { closeOpenPages, reportOpenPages } from './page.js';
import { startServer, type RunningServer } from './server.js';
import { failIfHandlesLinger } from '../../support/lingeringHandles.js';

let server: RunningServer | null = null;
let browser: Browser | null = null;

/** The shared server and browser; only valid inside tests. */
export function e2e(): { baseUrl: string; dataDir: string; browser: Browser } {
  if (!server || !browser) throw new Error('The e2e root hooks have not started the server and browser.');
  return { baseUrl: server.url, dataDir: server.dataDir, browser };
}

/** Registered through test/e2e/.mocharc.json `require`. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    // Both start at once; if one fails, the other is stopped too, or its process would keep mocha
    // (and CI) waiting forever after the failure.
    const [started, launched] = await Promise.allSettled([startServer(), launchBrowser()]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected' || launched.status === 'rejected') {
      await browser?.close().catch(() => undefined);
      await server?.stop().catch(() => undefined);
      [server, browser] = [null, null];
      throw started.status === 'rejected' ? started.reason : (launched as PromiseRejectedResult).reason;
    }
  },
  async afterEach(this: Mocha.Context) {
    if (this.currentTest?.state === 'failed') await reportOpenPages(this.currentTest.fullTitle());
    await closeOpenPages();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await browser?.close();
    await server?.stop();
    browser = null;
    server = null;
    failIfHandlesLinger();
  },
};
