/**
 * Resumable (tus) files: an empty incomplete file is created, then each request appends its bytes at
 * the stored length. One append at a time holds the file (a lease in its document, renewed while
 * bytes flow, so a crashed server frees it after a minute). Bytes that arrived before the client went
 * away are kept, a partial last chunk included, so the client resumes from the stored length. Writes
 * go chunk first, length after: a crash leaves at worst bytes past the stored length, which are ignored
 * and overwritten by the next append.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { mongo } from 'mongoose';
import { ConflictError, NotFoundError, TooLargeError } from '../errors.js';
import {
  bucketCollections,
  CHUNK_SIZE,
  chunkBytes,
  newFileDoc,
  requireId,
  UNLOCKED,
  type ChunkDoc,
  type FileBucket,
  type FileDoc,
} from './fileBuckets.js';
import { nextChunk } from './pullChunks.js';

/** How long an append holds the file without renewing its lease. */
const LEASE_MS = 60_000;
/** How often a running append renews its lease. */
const RENEW_MS = 20_000;

/** Creates an empty, incomplete file for a resumable upload and returns its key. */
export async function createAppendable(bucket: FileBucket): Promise<string> {
  const { files } = await bucketCollections(bucket);
  const id = new mongo.ObjectId();
  await files.insertOne(newFileDoc(id));
  return id.toHexString();
}

/** Why a file could not be held for an append. */
async function refusal(files: mongo.Collection<FileDoc>, id: mongo.ObjectId): Promise<Error> {
  const doc = await files.findOne({ _id: id }, { projection: { complete: 1, removing: 1 } });
  if (!doc || doc.removing) return new NotFoundError('The upload');
  if (doc.complete)
    return new ConflictError('This upload is already complete.', { reason: 'upload_complete' });
  return new ConflictError('Another request is adding to this upload; try again when it has finished.', {
    reason: 'upload_busy',
  });
}

/**
 * Appends the stream's bytes to the incomplete file `key` at `offset` and resolves with the new length.
 * Throws ConflictError `offset_mismatch` (params.offset = the stored length) when `offset` is not the
 * stored length, ConflictError `upload_busy` while another append holds the file, `upload_complete`
 * once it is complete, NotFoundError when there is no such file, and TooLargeError when the file would
 * grow past `maxBytes` (nothing of this call then stays). When the stream fails or ends early, the bytes
 * received so far are kept and the stream's error is rethrown. The stream is never destroyed here.
 */
export async function appendToFile(
  bucket: FileBucket,
  key: string,
  offset: number,
  data: Readable,
  maxBytes: number,
): Promise<number> {
  const id = requireId(key);
  const { files, chunks } = await bucketCollections(bucket);
  const token = randomUUID();
  const now = Date.now();
  const held = await files.findOneAndUpdate(
    { _id: id, complete: false, removing: { $ne: true }, lockedUntil: { $lt: new Date(now) } },
    { $set: { lockedUntil: new Date(now + LEASE_MS), lockToken: token } },
    { returnDocument: 'after' },
  );
  if (!held) throw await refusal(files, id);
  const renew = setInterval(() => {
    files
      .updateOne({ _id: id, lockToken: token }, { $set: { lockedUntil: new Date(Date.now() + LEASE_MS) } })
      .catch(() => undefined);
  }, RENEW_MS);
  renew.unref();
  try {
    if (offset !== held.length)
      throw new ConflictError(`The upload has ${held.length} bytes stored; resume from there.`, {
        reason: 'offset_mismatch',
        params: { offset: held.length },
      });
    return await new Appender(files, chunks, id, token, held.length, maxBytes).run(data);
  } finally {
    clearInterval(renew);
    await files
      .updateOne({ _id: id, lockToken: token }, { $set: { lockedUntil: UNLOCKED, lockToken: null } })
      .catch(() => undefined);
  }
}

/** One append's work: a chunk buffer filled from the stream and stored chunk by chunk. */
class Appender {
  /** The length the files document says (what is safely stored). */
  private stored: number;
  /** The chunk being filled and its number. */
  private buffer = Buffer.alloc(CHUNK_SIZE);
  private n: number;
  private filled: number;

  constructor(
    private readonly files: mongo.Collection<FileDoc>,
    private readonly chunks: mongo.Collection<ChunkDoc>,
    private readonly id: mongo.ObjectId,
    private readonly token: string,
    private readonly offset: number,
    private readonly maxBytes: number,
  ) {
    this.stored = offset;
    this.n = Math.floor(offset / CHUNK_SIZE);
    this.filled = offset % CHUNK_SIZE;
  }

  private get position(): number {
    return this.n * CHUNK_SIZE + this.filled;
  }

  async run(data: Readable): Promise<number> {
    // The stream may fail while a chunk is being stored: its error is then read from `errored` by
    // the next read, and must not go unhandled meanwhile.
    const keepError = () => undefined;
    data.on('error', keepError);
    try {
      return await this.pull(data);
    } finally {
      data.off('error', keepError);
    }
  }

  private async pull(data: Readable): Promise<number> {
    if (this.filled > 0) await this.loadPartialChunk();
    for (;;) {
      let piece: Buffer | null;
      try {
        piece = await nextChunk(data);
      } catch (streamError) {
        await this.persist();
        throw streamError;
      }
      if (piece === null) break;
      if (this.position + piece.length > this.maxBytes) {
        await this.rollBack();
        throw new TooLargeError(`The file is larger than the ${this.maxBytes} bytes allowed.`);
      }
      await this.take(piece);
    }
    await this.persist();
    return this.stored;
  }

  /** Reads the stored part of the last, partial chunk into the buffer, to fill it up. */
  private async loadPartialChunk(): Promise<void> {
    const chunk = await this.chunks.findOne({ files_id: this.id, n: this.n });
    const bytes = chunk ? chunkBytes(chunk) : null;
    if (!bytes || bytes.length < this.filled)
      throw new Error(`stored file ${this.id.toHexString()} lacks chunk ${this.n}`);
    bytes.copy(this.buffer, 0, 0, this.filled);
  }

  private async take(piece: Buffer): Promise<void> {
    let at = 0;
    while (at < piece.length) {
      const copied = piece.copy(this.buffer, this.filled, at);
      this.filled += copied;
      at += copied;
      if (this.filled === CHUNK_SIZE) {
        await this.writeChunk(this.buffer);
        await this.setLength(this.position);
        this.n += 1;
        this.filled = 0;
        this.buffer = Buffer.alloc(CHUNK_SIZE);
      }
    }
  }

  /** Stores the bytes received and not yet stored (a partial last chunk). */
  private async persist(): Promise<void> {
    if (this.position === this.stored) return;
    await this.writeChunk(this.buffer.subarray(0, this.filled));
    await this.setLength(this.position);
  }

  /** Writes chunk `n` whole (an upsert: a crash may have left one there). */
  private async writeChunk(bytes: Buffer): Promise<void> {
    await this.chunks.updateOne(
      { files_id: this.id, n: this.n },
      { $set: { data: new mongo.Binary(bytes) } },
      { upsert: true },
    );
  }

  /** Records the new length, only while this append still holds the file. */
  private async setLength(length: number): Promise<void> {
    const now = Date.now();
    const result = await this.files.updateOne(
      { _id: this.id, lockToken: this.token, length: this.stored },
      { $set: { length, updatedAt: new Date(now), lockedUntil: new Date(now + LEASE_MS) } },
    );
    if (result.matchedCount !== 1)
      throw new ConflictError('Another request took over this upload.', { reason: 'upload_busy' });
    this.stored = length;
  }

  /** Undoes this call's bytes: the length goes back to the offset and later chunks go. */
  private async rollBack(): Promise<void> {
    if (this.stored !== this.offset) await this.setLength(this.offset);
    await this.chunks.deleteMany({ files_id: this.id, n: { $gte: Math.ceil(this.offset / CHUNK_SIZE) } });
  }
}
