/**
 * Fault injection for tests of what our code does when a dependency fails for a moment (the behaviour
 * under test is the answer to the failure, not the failing part).
 */
import { MongoSessionStore } from '../../server/auth/sessionStore.js';

/**
 * Makes the session store's next read fail as a database error would, while `run` runs; the store
 * reads normally again after that one read, and whatever happens once `run` ends.
 */
export async function withNextSessionReadFailing<T>(run: () => Promise<T>): Promise<T> {
  const read = MongoSessionStore.prototype.get;
  MongoSessionStore.prototype.get = function failOnce(_sid, callback) {
    MongoSessionStore.prototype.get = read;
    callback(new Error('database unavailable'));
  };
  try {
    return await run();
  } finally {
    MongoSessionStore.prototype.get = read;
  }
}
