/**
 * Random access to a file's bytes for the checks: a stored file read by ranges (never whole), or a
 * small buffer (an archive nested in another). Reads are bounded: asking for more than the caller's
 * cap is a programming error, not an allocation.
 */
import { Readable } from 'node:stream';
import { openReader, readStoredRange } from './fileReader.js';
import type { FileBucket } from './fileBuckets.js';

/** Bytes that can be read at any offset. */
export interface ByteSource {
  readonly length: number;
  /** Bytes `start` to `end` (exclusive), cut to the source's length. */
  read(start: number, end: number): Promise<Buffer>;
  /**
   * Every byte once, in order (one database cursor for a stored file): whole-file checks use it, so
   * their cost grows with the size, never with its square on a database that scans every query.
   */
  stream(): AsyncIterable<Buffer>;
}

/** The most one read may ask for (a nested archive's entry, buffered under 16 MiB, is the biggest). */
export const MAX_READ = 16 * 1024 * 1024;

function bounds(length: number, start: number, end: number): [number, number] {
  const from = Math.max(0, Math.min(start, length));
  const to = Math.max(from, Math.min(end, length));
  if (to - from > MAX_READ) throw new Error(`a read of ${to - from} bytes is over the ${MAX_READ} cap`);
  return [from, to];
}

/** A stored file as a byte source (its stored `length` given by the caller). */
export function storedSource(bucket: FileBucket, key: string, length: number): ByteSource {
  return {
    length,
    async read(start, end) {
      const [from, to] = bounds(length, start, end);
      return to > from ? readStoredRange(bucket, key, from, to - 1) : Buffer.alloc(0);
    },
    stream: () => (length > 0 ? openReader(bucket, key, { start: 0, end: length - 1 }) : Readable.from([])),
  };
}

/** A buffer as a byte source. */
export function bufferSource(buffer: Buffer): ByteSource {
  return {
    length: buffer.length,
    read(start, end) {
      const [from, to] = bounds(buffer.length, start, end);
      return Promise.resolve(buffer.subarray(from, to));
    },
    stream: () => Readable.from([buffer]),
  };
}

/** The size of the window {@link windowedSource} keeps. */
const WINDOW = 64 * 1024;

/**
 * A source that reads small ranges through a 64 KiB window, so that hopping through headers (JPEG
 * segments, ZIP and OLE2 structures) asks the database once per window, not once per field.
 */
export function windowedSource(source: ByteSource): ByteSource {
  let window: { start: number; bytes: Buffer } | null = null;
  return {
    length: source.length,
    async read(start, end) {
      const [from, to] = bounds(source.length, start, end);
      if (to - from > WINDOW) return source.read(from, to);
      if (!window || from < window.start || to > window.start + window.bytes.length)
        window = { start: from, bytes: await source.read(from, from + WINDOW) };
      return window.bytes.subarray(from - window.start, to - window.start);
    },
    stream: () => source.stream(),
  };
}
