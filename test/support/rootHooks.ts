/** Mocha root hooks: one database for the whole run, emptied before each test file's tests. */
import mongoose from 'mongoose';
import { startTestDatabase, stopTestDatabase } from './database.js';
import { failIfHandlesLinger } from './lingeringHandles.js';
import { startQueryShapeRecording } from './queryShapes.js';
import { configureDataKeys } from '../../server/secrets/sealedSecrets.js';
import { TEST_DATA_KEY } from './app.js';

/** Registered through .mocharc.json `require`. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(240_000);
    await startTestDatabase();
    startQueryShapeRecording(mongoose.connection.getClient());
    // Services used without an app seal and open secrets under the same key as every test app.
    const [id, key] = TEST_DATA_KEY.split(':') as [string, string];
    configureDataKeys([{ id, key: Buffer.from(key, 'base64') }]);
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(30_000);
    await stopTestDatabase();
    failIfHandlesLinger();
  },
};
