/**
 * The one road of an uploaded file's bytes into the file store: the name made safe, the scanner opened
 * first (a configured scanner that cannot be reached refuses the upload with 503 before a byte is
 * kept), then every chunk written to the store and streamed to clamd INSTREAM as it arrives, with the
 * size limit enforced while writing. Anything that fails on the way leaves nothing stored.
 */
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidError } from '../../errors.js';
import { openScan, pingScanner, type ScanSession } from '../../files/clamd.js';
import { safeFileName } from '../../files/fileName.js';
import { openWriter, removeFile } from '../../files/fileStore.js';
import { isTextExtension, type KnownFacts } from '../../files/inspectFile.js';
import { TextCheck } from '../../files/textInspection.js';
import { rememberVerdict, type ScanResult } from './checkFile.js';
import type { UploadSettings } from './uploadSettings.js';

/** A file stored in the `uploads` bucket, not yet checked: nobody can read it. */
export interface ReceivedFile {
  key: string;
  size: number;
  sha256: string;
  fileName: string;
  extension: string;
  /** The scanner's verdict and version, or null when no scanner is configured. */
  scan: ScanResult | null;
  /** What was learnt of the bytes on their way in (the text check), for the checks not to read them again. */
  known: KnownFacts;
}

/** An INSTREAM session opened before the bytes are accepted, with the scanner's version. */
export interface OpenScanner {
  session: ScanSession;
  /** clamd's VERSION answer, which names its signature database. */
  version: string;
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
export async function openScanner(settings: UploadSettings): Promise<OpenScanner | null> {
  if (!settings.clamdUrl) return null;
  const { version } = await pingScanner(settings.clamdUrl);
  const session = await openScan(settings.clamdUrl, { streamMaxBytes: settings.clamdStreamMaxBytes });
  return { session, version };
}

/**
 * Stores `source` (at most `settings.maxBytes`) while streaming it to the scanner. `scan` is a session
 * opened by {@link openScanner} before the bytes were accepted (null: not scanned).
 */
export async function receiveFile(
  settings: UploadSettings,
  source: Readable,
  rawName: string,
  scanner: OpenScanner | null,
): Promise<ReceivedFile> {
  const scan = scanner?.session ?? null;
  const { fileName, extension } = requireSafeName(rawName);
  const writer = openWriter('uploads', { maxBytes: settings.maxBytes });
  // Text files are checked as they arrive, so the checks need not read a large file back.
  const text = isTextExtension(extension) ? new TextCheck() : null;
  const toScanner = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      text?.push(chunk);
      if (!scan) return done(null, chunk);
      scan.write(chunk).then(
        () => done(null, chunk),
        (error: unknown) => done(error as Error),
      );
    },
  });
  try {
    await pipeline(source, toScanner, writer);
    const sha256 = (writer as unknown as { sha256: string }).sha256;
    const verdict = scan ? await scan.finish() : null;
    if (verdict && scanner) await rememberVerdict(sha256, verdict, scanner.version);
    return {
      key: writer.key,
      size: writer.bytesWritten,
      sha256,
      fileName,
      extension,
      scan: verdict && scanner ? { verdict, scannerVersion: scanner.version } : null,
      known: text ? { textProblem: text.result() } : {},
    };
  } catch (error) {
    scan?.abort();
    await removeFile('uploads', writer.key).catch(() => undefined);
    throw error;
  }
}
