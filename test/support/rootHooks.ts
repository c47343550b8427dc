/** Mocha root hooks: one database for the whole run, emptied before each test file's tests. */
import { startTestDatabase, stopTestDatabase } from './database.js';
import { failIfHandlesLinger } from './lingeringHandles.js';

/** Registered through .mocharc.json `require`. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(240_000);
    await startTestDatabase();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopTestDatabase();
    failIfHandlesLinger();
  },
};
