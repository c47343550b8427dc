/**
 * Group commit of new room messages. While one insert is on its way to the database, further sends
 * wait in a queue; when it returns, everything queued goes in ONE unordered `insertMany` (at most
 * {@link MAX_BATCH} documents), so a busy room costs the database one round trip per batch instead of
 * one per message, and the writes never compete with each other (on FerretDB/SQLite concurrent
 * inserts are several times slower than the same inserts one after another). A send that finds the
 * queue idle is written at once: nothing waits for a timer.
 *
 * Each send gets its own outcome. The write is unordered, so one document's error does not stop the
 * others; per-document write errors are mapped back by index (MongoDB and FerretDB 1.24 both report
 * them so: test/server/services/rooms/storeMessages.test.ts): a duplicate (authorId, clientId) —
 * a retry, also one in the same batch — answers `duplicate`, any other error fails that send only.
 * An error that does not name documents (the connection, a write concern not met) fails the whole
 * batch: nothing is answered as stored unless the database said so.
 */
import { MessageModel, type MessageDoc } from '../../models/Message.js';
import { isDuplicateKey } from '../../errors.js';

/** A new message document, not yet stored (validated by {@link storeMessage}). */
export type NewMessage = InstanceType<typeof MessageModel>;

/** What storing one message came to: stored now, or already stored under its (authorId, clientId). */
export type StoreOutcome = { stored: MessageDoc } | { duplicate: true };

/** The most documents one insert carries. */
export const MAX_BATCH = 64;

interface Waiting {
  /** The document as written: validated, timestamps and version key set as `create` sets them. */
  doc: MessageDoc;
  resolve(outcome: StoreOutcome): void;
  reject(error: unknown): void;
}

let queue: Waiting[] = [];
let writing = false;

/**
 * Validates a new message (an invalid one fails alone, before it joins a batch) and stores it with
 * whatever else is waiting; resolves once it is stored.
 */
export async function storeMessage(message: NewMessage): Promise<StoreOutcome> {
  await message.validate();
  const now = new Date();
  message.set({ createdAt: now, updatedAt: now, __v: 0 });
  const doc = message.toObject() as unknown as MessageDoc;
  return new Promise((resolve, reject) => {
    queue.push({ doc, resolve, reject });
    if (!writing) void drain();
  });
}

async function drain(): Promise<void> {
  writing = true;
  try {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      await insertBatch(batch);
    }
  } finally {
    writing = false;
  }
}

/** The driver's per-document results, or null when the error does not say which documents failed. */
function perDocumentResults(error: unknown, size: number): unknown[] | null {
  const bulk = error as {
    writeErrors?: unknown[];
    results?: unknown[];
    result?: { getWriteConcernError?: () => unknown };
  };
  if (!Array.isArray(bulk.writeErrors) || bulk.writeErrors.length === 0) return null;
  if (bulk.result?.getWriteConcernError?.()) return null;
  return Array.isArray(bulk.results) && bulk.results.length === size ? bulk.results : null;
}

function failure(result: unknown): Error {
  if (result instanceof Error) return result;
  const message = (result as { errmsg?: unknown }).errmsg;
  return new Error(`message insert failed: ${typeof message === 'string' ? message : 'unknown error'}`);
}

async function insertBatch(batch: Waiting[]): Promise<void> {
  const docs = batch.map((w) => w.doc);
  let results: unknown[];
  try {
    // `lean`: validated already, written as is (no second validation or hydration per document).
    const answer = (await MessageModel.insertMany(docs, { lean: true, ordered: false, rawResult: true })) as {
      mongoose?: { results?: unknown[] };
    };
    results = answer.mongoose?.results ?? docs;
  } catch (error) {
    const named = perDocumentResults(error, batch.length);
    if (!named) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    results = named;
  }
  batch.forEach((waiting, i) => {
    const result = results[i];
    if (result === waiting.doc) waiting.resolve({ stored: waiting.doc });
    else if (isDuplicateKey(result)) waiting.resolve({ duplicate: true });
    else waiting.reject(failure(result));
  });
}
