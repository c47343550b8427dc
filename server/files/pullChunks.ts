/**
 * Reads a stream piece by piece without ever destroying it: unlike `for await`, stopping early (a
 * refused append) leaves the stream to its owner (an HTTP request must stay open for the 413 answer).
 */
import type { Readable } from 'node:stream';

/** The most one read takes from a stream. */
const MAX_PIECE = 64 * 1024;

/** Raised when a stream closes before its end without saying why (a client that went away). */
export class PrematureCloseError extends Error {
  override name = 'PrematureCloseError';
  constructor() {
    super('The stream closed before its end.');
  }
}

function asBuffer(piece: unknown): Buffer {
  if (Buffer.isBuffer(piece)) return piece;
  if (typeof piece === 'string') return Buffer.from(piece);
  if (piece instanceof Uint8Array) return Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  throw new TypeError('the stream gives neither bytes nor text');
}

/**
 * The stream's next piece of bytes (at most 64 KiB), or null at its end. Rejects with the stream's error, or with
 * {@link PrematureCloseError} when it closes before its end. The stream is left paused in between.
 */
export function nextChunk(stream: Readable): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (stream.errored) return reject(stream.errored);
    if (stream.readableEnded) return resolve(null);
    if (stream.destroyed) return reject(new PrematureCloseError());
    const cleanup = () => {
      stream.off('readable', tryRead);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
    };
    function tryRead() {
      // Ask for what is buffered, at most MAX_PIECE: a bare read() may pull a whole buffered source.
      const available = stream.readableLength;
      const piece: unknown = available > 0 ? stream.read(Math.min(available, MAX_PIECE)) : stream.read();
      if (piece === null) return;
      cleanup();
      try {
        resolve(asBuffer(piece));
      } catch (error) {
        reject(error);
      }
    }
    function onEnd() {
      cleanup();
      resolve(null);
    }
    function onError(error: Error) {
      cleanup();
      reject(error);
    }
    function onClose() {
      cleanup();
      if (stream.readableEnded) resolve(null);
      else reject(stream.errored ?? new PrematureCloseError());
    }
    stream.on('readable', tryRead);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('close', onClose);
  });
}
