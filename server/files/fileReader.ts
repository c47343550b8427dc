/**
 * Reads stored files as streams, whole or a byte range (end inclusive, like HTTP Range), with one
 * query whose cursor brings a few chunks at a time; and hashes a stored file by streaming it.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { mongo } from 'mongoose';
import { InvalidError, NotFoundError } from '../errors.js';
import {
  bucketCollections,
  CHUNK_SIZE,
  CHUNKS_PER_QUERY,
  chunkBytes,
  requireId,
  type ChunkDoc,
  type FileBucket,
} from './fileBuckets.js';

/** A byte range of a file: `start` to `end`, both included. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Chunks `first` to `last` of file `id`, in order, through one cursor, each cut to the bytes the file's
 * length covers (a crash may leave bytes past it). Throws when a chunk is missing or short.
 */
export async function* storedChunks(
  chunks: mongo.Collection<ChunkDoc>,
  id: mongo.ObjectId,
  file: { length: number; chunkSize: number },
  first = 0,
  last = Math.ceil(file.length / file.chunkSize) - 1,
): AsyncGenerator<{ n: number; bytes: Buffer }> {
  if (last < first) return;
  // One query and one cursor for the whole range, a few chunks per batch: memory stays at a batch,
  // and a database that scans every query (FerretDB) scans once per read, not once per batch.
  const cursor = chunks.find(
    { files_id: id, n: { $gte: first, $lte: last } },
    { sort: { n: 1 }, batchSize: CHUNKS_PER_QUERY },
  );
  try {
    let n = first;
    for await (const chunk of cursor) {
      if (chunk.n !== n) throw new Error(`stored file ${id.toHexString()} lacks chunk ${n}`);
      const wanted = Math.min(file.chunkSize, file.length - n * file.chunkSize);
      const bytes = chunkBytes(chunk);
      if (bytes.length < wanted) throw new Error(`stored file ${id.toHexString()} has a short chunk ${n}`);
      yield { n, bytes: bytes.subarray(0, wanted) };
      if (n === last) break;
      n += 1;
    }
    if (n < last) throw new Error(`stored file ${id.toHexString()} lacks chunk ${n + 1}`);
  } finally {
    await cursor.close();
  }
}

/** The stored bytes of `key` from `range.start` to `range.end` (inclusive), or all of them. */
async function* bytesOf(bucket: FileBucket, key: string, range?: ByteRange): AsyncGenerator<Buffer> {
  const id = requireId(key);
  const { files, chunks } = await bucketCollections(bucket);
  const doc = await files.findOne({ _id: id }, { projection: { length: 1, chunkSize: 1 } });
  if (!doc) throw new NotFoundError('The file');
  const file = { length: doc.length, chunkSize: doc.chunkSize || CHUNK_SIZE };
  if (!range && file.length === 0) return;
  const start = range?.start ?? 0;
  const end = range?.end ?? file.length - 1;
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < start ||
    end >= file.length
  )
    throw new InvalidError(`The range ${start}-${end} is outside the file's ${file.length} bytes.`, [], {
      reason: 'range_not_satisfiable',
      params: { length: file.length },
    });
  const first = Math.floor(start / file.chunkSize);
  const last = Math.floor(end / file.chunkSize);
  for await (const { n, bytes } of storedChunks(chunks, id, file, first, last)) {
    const chunkStart = n * file.chunkSize;
    yield bytes.subarray(Math.max(start - chunkStart, 0), Math.min(end - chunkStart + 1, bytes.length));
  }
}

/**
 * A stream of the stored file `key` (or of `range`, end inclusive). It errors with NotFoundError when
 * there is no such file and with InvalidError `range_not_satisfiable` when the range is outside it.
 * An incomplete file reads up to its stored length.
 */
export function openReader(bucket: FileBucket, key: string, range?: ByteRange): Readable {
  return Readable.from(bytesOf(bucket, key, range), { objectMode: false });
}

/** Reads a (small) range of a stored file into memory: `start` to `end`, both included. */
export async function readStoredRange(
  bucket: FileBucket,
  key: string,
  start: number,
  end: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of bytesOf(bucket, key, { start, end })) parts.push(part);
  return Buffer.concat(parts);
}

/** The SHA-256 (hex) of a stored file, computed by streaming it. */
export async function hashStored(bucket: FileBucket, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const part of bytesOf(bucket, key)) hash.update(part);
  return hash.digest('hex');
}
