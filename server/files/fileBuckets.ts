/**
 * The two stored-file buckets and their collections, in GridFS's shape: `files_<bucket>.files` holds
 * one document per file, `files_<bucket>.chunks` its bytes in 255 KiB chunks numbered from 0. Shared
 * by the store's parts; the indexes are created once per connection, on first use.
 */
import mongoose, { mongo } from 'mongoose';
import { NotFoundError } from '../errors.js';

/** Where a file lives: every upload and every clean file, or infected files kept apart. */
export type FileBucket = 'uploads' | 'isolated';

/** Every bucket, for startup and maintenance jobs. */
export const FILE_BUCKETS: readonly FileBucket[] = ['uploads', 'isolated'];

/** Bytes per chunk: 255 KiB, like GridFS (a chunk document stays well under 16 MB with room to spare). */
export const CHUNK_SIZE = 255 * 1024;

/** How many chunks one read of the chunks collection asks for (about 1 MiB). */
export const CHUNKS_PER_QUERY = 4;

/** A file's document in `files_<bucket>.files`. */
export interface FileDoc {
  _id: mongo.ObjectId;
  /** Bytes stored so far (the whole file once `complete`). */
  length: number;
  chunkSize: number;
  /** When the file was created. */
  uploadDate: Date;
  /** Last time bytes were added or its state changed (abandoned uploads expire from it). */
  updatedAt: Date;
  /** True once every byte is stored; a resumable upload stays false until it is finished. */
  complete: boolean;
  /** The SHA-256 (hex) of a file written in one go by `openWriter`. */
  sha256?: string;
  /** An append holds the file until then; `new Date(0)` when free. */
  lockedUntil: Date;
  /** Which append holds the file (its random token), or null. */
  lockToken: string | null;
  /** Set when a removal started: whatever remains is debris for the expiry job. */
  removing?: boolean;
  /** Set while a move copies the file into this bucket; gone once the copy is whole. */
  copying?: boolean;
}

/** One chunk of a file in `files_<bucket>.chunks`. */
export interface ChunkDoc {
  _id?: mongo.ObjectId;
  files_id: mongo.ObjectId;
  n: number;
  data: mongo.Binary;
}

/** The date a free lock holds. */
export const UNLOCKED = new Date(0);

const indexed = new WeakMap<mongo.Db, Map<FileBucket, Promise<void>>>();

function database(): mongo.Db {
  const db = mongoose.connection.db;
  if (!db) throw new Error('the database is not connected');
  return db;
}

/** Creates the bucket's indexes (idempotent); MongoDB 7+ and FerretDB both accept them. */
async function createIndexes(db: mongo.Db, bucket: FileBucket): Promise<void> {
  await db
    .collection(`files_${bucket}.chunks`)
    .createIndex({ files_id: 1, n: 1 }, { unique: true, name: 'files_id_1_n_1' });
  await db
    .collection(`files_${bucket}.files`)
    .createIndex({ complete: 1, updatedAt: 1 }, { name: 'complete_1_updatedAt_1' });
}

/** Makes sure a bucket's indexes exist on the current connection (once per connection). */
export function ensureBucketIndexes(bucket: FileBucket): Promise<void> {
  const db = database();
  let perDb = indexed.get(db);
  if (!perDb) indexed.set(db, (perDb = new Map()));
  let done = perDb.get(bucket);
  if (!done) {
    done = createIndexes(db, bucket).catch((error: unknown) => {
      perDb.delete(bucket);
      throw error;
    });
    perDb.set(bucket, done);
  }
  return done;
}

/** Creates the indexes of every bucket; for startup, so the first upload does not pay for it. */
export async function ensureFileIndexes(): Promise<void> {
  for (const bucket of FILE_BUCKETS) await ensureBucketIndexes(bucket);
}

/** The bucket's two collections, its indexes made sure of. */
export async function bucketCollections(
  bucket: FileBucket,
): Promise<{ files: mongo.Collection<FileDoc>; chunks: mongo.Collection<ChunkDoc> }> {
  await ensureBucketIndexes(bucket);
  const db = database();
  return {
    files: db.collection<FileDoc>(`files_${bucket}.files`),
    chunks: db.collection<ChunkDoc>(`files_${bucket}.chunks`),
  };
}

/** A file key (24 hex digits) as an ObjectId, or null when it cannot be one. */
export function keyToId(key: string): mongo.ObjectId | null {
  return /^[0-9a-f]{24}$/i.test(key) ? new mongo.ObjectId(key) : null;
}

/** A file key as an ObjectId, or "not found" (a key that cannot exist names no file). */
export function requireId(key: string): mongo.ObjectId {
  const id = keyToId(key);
  if (!id) throw new NotFoundError('The file');
  return id;
}

/** A new, empty, incomplete file document. */
export function newFileDoc(id: mongo.ObjectId, now = new Date()): FileDoc {
  return {
    _id: id,
    length: 0,
    chunkSize: CHUNK_SIZE,
    uploadDate: now,
    updatedAt: now,
    complete: false,
    lockedUntil: UNLOCKED,
    lockToken: null,
  };
}

/** The bytes of a chunk document's `data`. */
export function chunkBytes(chunk: ChunkDoc): Buffer {
  const data = chunk.data as unknown;
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const binary = chunk.data;
  return Buffer.from(binary.buffer.buffer, binary.buffer.byteOffset, binary.position);
}
