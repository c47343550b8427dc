/**
 * Removes a stored file in a crash-safe order: the file is first marked incomplete and being removed
 * (so a crash part way leaves an incomplete file that the expiry job finds), then its chunks go, then
 * its document. No error when it is already gone.
 */
import type { mongo } from 'mongoose';
import { bucketCollections, type FileBucket } from './fileBuckets.js';

/** Removes the file `id` from `bucket`, chunks first; does nothing if it is absent. */
export async function removeStoredFile(bucket: FileBucket, id: mongo.ObjectId): Promise<void> {
  const { files, chunks } = await bucketCollections(bucket);
  await files.updateOne({ _id: id }, { $set: { complete: false, removing: true } });
  await chunks.deleteMany({ files_id: id });
  await files.deleteOne({ _id: id });
}
