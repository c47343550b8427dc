/**
 * Moves a stored file to another bucket under the same key (an infected upload to `isolated`): the
 * target is created marked `copying`, the chunks are copied one by one, the mark is lifted, and only
 * then is the source removed. A crash part way leaves a target still `copying` (and incomplete), which
 * the next attempt replaces; a whole copy whose source is still there only needs the source removed.
 */
import { mongo } from 'mongoose';
import { NotFoundError } from '../errors.js';
import { bucketCollections, CHUNK_SIZE, requireId, UNLOCKED, type FileBucket } from './fileBuckets.js';
import { storedChunks } from './fileReader.js';
import { removeStoredFile } from './removeFile.js';

/** Moves file `key` from bucket `from` to bucket `to` (same key); NotFoundError when it is in neither. */
export async function moveFile(key: string, from: FileBucket, to: FileBucket): Promise<void> {
  const id = requireId(key);
  const source = await bucketCollections(from);
  const doc = await source.files.findOne({ _id: id });
  if (from === to) {
    if (!doc) throw new NotFoundError('The file');
    return;
  }
  const target = await bucketCollections(to);
  const existing = await target.files.findOne({ _id: id }, { projection: { copying: 1 } });
  if (!doc || doc.removing) {
    if (existing && !existing.copying) return; // moved already
    throw new NotFoundError('The file');
  }
  if (existing && !existing.copying) return removeStoredFile(from, id);
  if (existing) await removeStoredFile(to, id);

  const file = { length: doc.length, chunkSize: doc.chunkSize || CHUNK_SIZE };
  await target.files.insertOne({
    ...doc,
    complete: false,
    copying: true,
    updatedAt: new Date(),
    lockedUntil: UNLOCKED,
    lockToken: null,
  });
  for await (const { n, bytes } of storedChunks(source.chunks, id, file))
    await target.chunks.insertOne({ files_id: id, n, data: new mongo.Binary(bytes) });
  await target.files.updateOne(
    { _id: id },
    { $set: { complete: doc.complete, updatedAt: new Date() }, $unset: { copying: '' } },
  );
  await removeStoredFile(from, id);
}
