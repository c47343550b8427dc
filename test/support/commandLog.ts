/**
 * The database commands a piece of work sends, counted (never timed) with mongoose's debug hook,
 * which sees every model and collection command: for tests that bound a path's round trips.
 */
import mongoose from 'mongoose';

/**
 * The commands sent while `run` runs, as `collection.method`; without the realtime server's periodic
 * check of the open sockets' sessions (`sessions.find`, at most every 200 ms in tests), which is no part
 * of a handshake or join (those read their sessions by `_id`: `findOne`, or one `$in` for many).
 */
export async function commandsDuring<T>(run: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const commands: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    if (`${collection}.${method}` !== 'sessions.find') commands.push(`${collection}.${method}`);
  });
  try {
    const result = await run();
    return { result, commands };
  } finally {
    mongoose.set('debug', false);
  }
}
