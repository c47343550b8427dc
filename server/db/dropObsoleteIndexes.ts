/**
 * Drops indexes an earlier version declared and this one replaced, so that index creation at start
 * does not fail on an existing database ("index with the same name and different options").
 */
import mongoose from 'mongoose';

interface IndexInfo {
  name?: string;
  unique?: boolean;
}

// people.email was unique before identity providers: the same e-mail at two providers is two people.
const OBSOLETE: { collection: string; name: string; unique: boolean }[] = [
  { collection: 'people', name: 'email_1', unique: true },
];

/** Drops each obsolete index that exists with the obsolete options. */
export async function dropObsoleteIndexes(): Promise<void> {
  const db = mongoose.connection.db;
  if (!db) return;
  for (const obsolete of OBSOLETE) {
    const indexes = (await db
      .collection(obsolete.collection)
      .indexes()
      .catch(() => [])) as IndexInfo[];
    const found = indexes.find((i) => i.name === obsolete.name && Boolean(i.unique) === obsolete.unique);
    if (found) await db.collection(obsolete.collection).dropIndex(obsolete.name);
  }
}
