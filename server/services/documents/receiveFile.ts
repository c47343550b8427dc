/**
 * The one road of an uploaded file's bytes into the file store: the name made safe, the scanner opened
 * first (a configured scanner that cannot be reached refuses the upload with 503 before a byte is
 * kept), then every chunk written to the store and streamed to clamd INSTREAM as it arrives, with the
 * size limit enforced while writing. Anything that fails on the way leaves nothing stored.
 */
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidError } from '../../errors.js';
import { openScan, type ScanSession, type ScanVerdict } from '../../files/clamd.js';
import { safeFileName } from '../../files/fileName.js';
import { openWriter, removeFile } from '../../files/fileStore.js';
import type { UploadSettings } from './uploadSettings.js';

/** A file stored in the `uploads` bucket, not yet checked: nobody can read it. */
export interface ReceivedFile {
  key: string;
  size: number;
  sha256: string;
  fileName: string;
  extension: string;
  /** The scanner's verdict, or null when no scanner is configured. */
  verdict: ScanVerdict | null;
}

/** The safe form of an uploader's file name, or a clear refusal. */
export function requireSafeName(raw: string): { fileName: string; extension: string } {
  const safe = safeFileName(raw);
  if (!safe.ok)
    throw new InvalidError(
      safe.reason === 'reserved_name'
        ? 'This file name is reserved by Windows (CON, NUL, COM1...); rename the file and try again.'
        : 'The file has no usable name; rename it and try again.',
      [{ path: 'file', message: safe.reason }],
      { reason: safe.reason },
    );
  return { fileName: safe.name, extension: safe.extension };
}

/** Opens the scanner when one is configured (503 when it cannot be reached). */
export async function openScanner(settings: UploadSettings): Promise<ScanSession | null> {
  return settings.clamdUrl
    ? openScan(settings.clamdUrl, { streamMaxBytes: settings.clamdStreamMaxBytes })
    : null;
}

/**
 * Stores `source` (at most `settings.maxBytes`) while streaming it to the scanner. `scan` is a session
 * opened by {@link openScanner} before the bytes were accepted (null: not scanned).
 */
export async function receiveFile(
  settings: UploadSettings,
  source: Readable,
  rawName: string,
  scan: ScanSession | null,
): Promise<ReceivedFile> {
  const { fileName, extension } = requireSafeName(rawName);
  const writer = openWriter('uploads', { maxBytes: settings.maxBytes });
  const toScanner = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!scan) return done(null, chunk);
      scan.write(chunk).then(
        () => done(null, chunk),
        (error: unknown) => done(error as Error),
      );
    },
  });
  try {
    await pipeline(source, toScanner, writer);
    const verdict = scan ? await scan.finish() : null;
    return {
      key: writer.key,
      size: writer.bytesWritten,
      sha256: (writer as unknown as { sha256: string }).sha256,
      fileName,
      extension,
      verdict,
    };
  } catch (error) {
    scan?.abort();
    await removeFile('uploads', writer.key).catch(() => undefined);
    throw error;
  }
}
