/** Opens the Mongoose connection with the settings every process uses. */
import mongoose from 'mongoose';
import { dropObsoleteIndexes } from './dropObsoleteIndexes.js';

// Filters on unknown paths are dropped by the schema rather than passed to the database. Operator
// injection is stopped earlier: every input is parsed by a strict zod schema, and `$`-keys are refused
// by server/http/inputGuards.ts (Mongoose's global sanitizeFilter would also disarm our own operators).
mongoose.set('strictQuery', 'throw');

/** Connects the default Mongoose connection to `uri`, database `dbName`, and builds the declared indexes. */
export async function connectDatabase(uri: string, dbName: string): Promise<typeof mongoose> {
  await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 10_000, autoIndex: false });
  await dropObsoleteIndexes();
  await Promise.all(Object.values(mongoose.models).map((model) => model.createIndexes()));
  return mongoose;
}

/** True when the database answers a ping. */
export async function databaseReachable(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
