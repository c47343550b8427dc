/**
 * The file store: uploaded files in the database, in GridFS's shape (`files_<bucket>.files` and
 * `files_<bucket>.chunks`, 255 KiB chunks, a unique `{ files_id, n }` index) but written by our own
 * code, because resumable (tus) uploads must APPEND and GridFS files are immutable. Two buckets:
 * `uploads` (every upload and every clean file) and `isolated` (infected files, kept apart). Memory
 * per upload or download stays about one chunk (reads ask for four chunks at a time).
 *
 * GridFS on FerretDB 1.24 (SQLite), checked with the driver's `GridFSBucket` (mongodb 7.9): a 3 MiB
 * upload (13 chunks of 261 120 bytes) worked and created both GridFS indexes (`files_id_1_n_1`
 * unique, `filename_1_uploadDate_1`); a whole download and a ranged `openDownloadStream(id, { start,
 * end })` returned the right bytes (the driver's `end` is exclusive, unlike HTTP's); `delete` removed
 * the files document and every chunk. Nothing failed. What FerretDB lacks is transactions, so each
 * operation orders its writes: chunks before the length that covers them, the file marked before
 * its chunks are removed; a crash leaves at worst an incomplete file with orphan chunks, found by
 * {@link listIncompleteOlderThan} and removed with {@link removeFile}.
 *
 * This module is the store's one entry point: it gathers the parts (writer, appends, reader, move)
 * and adds the small operations.
 */
import { ConflictError, NotFoundError } from '../errors.js';
import { bucketCollections, keyToId, requireId, type FileBucket } from './fileBuckets.js';
import { removeStoredFile } from './removeFile.js';

export { type FileBucket, FILE_BUCKETS, CHUNK_SIZE, ensureFileIndexes } from './fileBuckets.js';
export { openWriter, type FileWriter, type WriterOptions } from './fileWriter.js';
export { createAppendable, appendToFile } from './appendFile.js';
export { openReader, hashStored, readStoredRange, type ByteRange } from './fileReader.js';
export { moveFile } from './moveFile.js';

/** What is known of a stored file. */
export interface StoredFileInfo {
  /** Bytes stored (the whole file once complete). */
  length: number;
  complete: boolean;
  uploadDate: Date;
  /** Last time bytes were added or its state changed. */
  updatedAt: Date;
  /** Set for files written by `openWriter`. */
  sha256: string | undefined;
}

/** The stored length of file `key`, or null if there is no such file. */
export async function storedLength(bucket: FileBucket, key: string): Promise<number | null> {
  return (await fileInfo(bucket, key))?.length ?? null;
}

/** What is known of file `key`, or null if there is no such file (or it is being removed). */
export async function fileInfo(bucket: FileBucket, key: string): Promise<StoredFileInfo | null> {
  const id = keyToId(key);
  if (!id) return null;
  const { files } = await bucketCollections(bucket);
  const doc = await files.findOne({ _id: id });
  if (!doc || doc.removing) return null;
  return {
    length: doc.length,
    complete: doc.complete,
    uploadDate: doc.uploadDate,
    updatedAt: doc.updatedAt,
    sha256: doc.sha256,
  };
}

/** Removes file `key` (its chunks, then its document); no error if it is absent. */
export async function removeFile(bucket: FileBucket, key: string): Promise<void> {
  const id = keyToId(key);
  if (id) await removeStoredFile(bucket, id);
}

/**
 * Marks file `key` complete (a resumable upload whose last byte arrived). NotFoundError when there is
 * no such file; ConflictError `upload_busy` while an append still holds it.
 */
export async function markComplete(bucket: FileBucket, key: string): Promise<void> {
  const id = requireId(key);
  const { files } = await bucketCollections(bucket);
  const result = await files.updateOne(
    { _id: id, removing: { $ne: true }, lockedUntil: { $lt: new Date() } },
    { $set: { complete: true, updatedAt: new Date() } },
  );
  if (result.matchedCount === 1) return;
  if (!(await fileInfo(bucket, key))) throw new NotFoundError('The file');
  throw new ConflictError('Another request is adding to this upload; try again when it has finished.', {
    reason: 'upload_busy',
  });
}

/**
 * Keys of the incomplete files not touched since `date` and not being appended to now: abandoned
 * resumable uploads, and the debris of a write or removal that a crash interrupted.
 */
export async function listIncompleteOlderThan(bucket: FileBucket, date: Date): Promise<string[]> {
  const { files } = await bucketCollections(bucket);
  const docs = await files
    .find(
      { complete: false, updatedAt: { $lt: date }, lockedUntil: { $lt: new Date() } },
      { projection: { _id: 1 } },
    )
    .toArray();
  return docs.map((doc) => doc._id.toHexString());
}
