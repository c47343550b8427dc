/** Opens the Mongoose connection with the settings every process uses. */
import mongoose from 'mongoose';

// Filters on unknown paths are dropped by the schema rather than passed to the database. Operator
// injection is stopped earlier: every input is parsed by a strict zod schema, and `$`-keys are refused
// by server/http/inputGuards.ts (Mongoose's global sanitizeFilter would also disarm our own operators).
mongoose.set('strictQuery', 'throw');

/**
 * How long a pooled database connection may stay unused before the driver closes it. A burst of
 * load grows the pool (the agents' soak: 19 → 101 open sockets, 80 of them to the database, still
 * open after the load had gone); the driver's default keeps every one for ever.
 */
export const POOL_IDLE_MS = 60_000;

/** Connects the default Mongoose connection to `uri`, database `dbName`, and builds the declared indexes. */
export async function connectDatabase(uri: string, dbName: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 10_000,
    maxIdleTimeMS: POOL_IDLE_MS,
    autoIndex: false,
  });
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
  return mongoose;
}

/** True when the database answers a ping within `timeoutMs` (readiness must answer fast, not hang). */
export async function databaseReachable(timeoutMs = 2000): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db
    .admin()
    .command({ ping: 1 })
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
