/**
 * Writes a new stored file from a stream: a Writable that stores each chunk as soon as it is full (so
 * memory per upload stays about one chunk), hashes the bytes as they pass, and marks the file complete
 * at the end. Too many bytes, an abort or any failure removes whatever was stored.
 */
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { mongo } from 'mongoose';
import { TooLargeError } from '../errors.js';
import { bucketCollections, CHUNK_SIZE, newFileDoc, type FileBucket } from './fileBuckets.js';
import { removeStoredFile } from './removeFile.js';

/** A new stored file being written from a stream; `key` is a server-generated ObjectId hex string. */
export interface FileWriter extends Writable {
  /** The new file's key (24 hex digits). */
  readonly key: string;
  /** Bytes accepted so far (all of them after 'finish'). */
  readonly bytesWritten: number;
  /** The SHA-256 of the bytes (hex), set once the writer has finished. */
  readonly sha256: string | undefined;
}

/** Options of {@link openWriter}. */
export interface WriterOptions {
  /** More bytes than this fail the writer with a TooLargeError (and nothing stays stored). */
  maxBytes?: number;
}

class StoredFileWriter extends Writable implements FileWriter {
  readonly key: string;
  bytesWritten = 0;
  sha256: string | undefined;
  private readonly id = new mongo.ObjectId();
  private readonly hash = createHash('sha256');
  private buffer = Buffer.allocUnsafe(CHUNK_SIZE);
  private filled = 0;
  private nextN = 0;
  private finished = false;
  /** The storage work in flight, which a destroy waits for before it cleans up. */
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly bucket: FileBucket,
    private readonly maxBytes: number,
  ) {
    super({ objectMode: false, decodeStrings: true });
    this.key = this.id.toHexString();
  }

  override _construct(callback: (error?: Error | null) => void): void {
    bucketCollections(this.bucket)
      .then(({ files }) => files.insertOne(newFileDoc(this.id)))
      .then(() => callback(), callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.bytesWritten + chunk.length > this.maxBytes) {
      callback(new TooLargeError(`The file is larger than the ${this.maxBytes} bytes allowed.`));
      return;
    }
    this.bytesWritten += chunk.length;
    this.hash.update(chunk);
    this.pending = this.take(chunk);
    this.pending.then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.pending = this.finish();
    this.pending.then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.finished) return callback(error);
    // An abort or a failure: nothing of this file may stay (the removal finishes before 'error').
    this.pending
      .catch(() => undefined)
      .then(() => removeStoredFile(this.bucket, this.id))
      .then(
        () => callback(error),
        () => callback(error),
      );
  }

  /** Copies the bytes into the chunk buffer, storing each chunk as it fills. */
  private async take(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      const copied = chunk.copy(this.buffer, this.filled, at);
      this.filled += copied;
      at += copied;
      if (this.filled === CHUNK_SIZE) await this.storeChunk();
      if (this.destroyed) return;
    }
  }

  private async storeChunk(): Promise<void> {
    const data = this.filled === CHUNK_SIZE ? this.buffer : this.buffer.subarray(0, this.filled);
    const { chunks } = await bucketCollections(this.bucket);
    await chunks.insertOne({ files_id: this.id, n: this.nextN, data: new mongo.Binary(data) });
    this.nextN += 1;
    this.buffer = Buffer.allocUnsafe(CHUNK_SIZE);
    this.filled = 0;
  }

  private async finish(): Promise<void> {
    if (this.filled > 0) await this.storeChunk();
    this.sha256 = this.hash.digest('hex');
    const { files } = await bucketCollections(this.bucket);
    await files.updateOne(
      { _id: this.id },
      { $set: { length: this.bytesWritten, complete: true, sha256: this.sha256, updatedAt: new Date() } },
    );
    this.finished = true;
  }
}

/**
 * Opens a writer for a new file in `bucket`: pipe the bytes in; after 'finish' the file is stored and
 * complete, with `sha256` and `bytesWritten` set. Exceeding `maxBytes` errors the stream with a
 * TooLargeError; an error or `destroy()` removes what was stored before the 'error'/'close' events.
 */
export function openWriter(bucket: FileBucket, options: WriterOptions = {}): FileWriter {
  return new StoredFileWriter(bucket, options.maxBytes ?? Number.POSITIVE_INFINITY);
}
