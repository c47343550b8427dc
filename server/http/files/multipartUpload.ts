/**
 * Multipart uploads through multer 2 with a streaming storage engine of our own: the file part goes
 * straight into the file store and to the virus scanner as it arrives (services/documents/
 * receiveFile.ts), never held whole in memory. Limits (size, one file, field count and size) come from
 * the settings; multer's errors become problem documents. Fields may come before or after the file:
 * the service decides on them once the whole body is in, and removes the stored file on refusal.
 */
import type { Request, RequestHandler } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import { AppError, InvalidError, TooLargeError } from '../../errors.js';
import { openScanner, receiveFile, type ReceivedFile } from '../../services/documents/receiveFile.js';
import { removeStoredUpload } from '../../services/documents/removeStoredUpload.js';
import type { UploadSettings } from '../../services/documents/uploadSettings.js';

/** The file a request carried, once stored (set by the engine). */
export function receivedFileOf(req: Request): ReceivedFile {
  const file = (req as Request & { file?: Express.Multer.File & { received?: ReceivedFile } }).file;
  if (!file?.received)
    throw new InvalidError('Attach the file as the multipart field "file".', [
      { path: 'file', message: 'required' },
    ]);
  return file.received;
}

/** The storage engine: one file into the store, scanned as written. */
function storeEngine(settings: UploadSettings): StorageEngine {
  return {
    _handleFile(_req, file, done) {
      openScanner(settings)
        .then((scan) => receiveFile(settings, file.stream, file.originalname, scan))
        .then(
          (received) => done(null, { size: received.size, received } as Partial<Express.Multer.File>),
          (error: unknown) => {
            // Let busboy finish reading the part it can no longer use.
            file.stream.resume();
            done(error as Error);
          },
        );
    },
    _removeFile(_req, file, done) {
      const received = (file as Express.Multer.File & { received?: ReceivedFile }).received;
      if (!received) return done(null);
      removeStoredUpload(received).then(
        () => done(null),
        (error: unknown) => done(error as Error),
      );
    },
  };
}

/** multer's refusals, in our words. */
function asProblem(error: unknown, settings: UploadSettings): unknown {
  if (!(error instanceof MulterError)) return error;
  if (error.code === 'LIMIT_FILE_SIZE')
    return new TooLargeError(`The file is larger than the ${settings.maxBytes} bytes this server takes.`);
  if (error.code === 'LIMIT_FILE_COUNT' || error.code === 'LIMIT_UNEXPECTED_FILE')
    return new InvalidError('Send one file, as the multipart field "file".', [
      { path: error.field ?? 'file', message: 'one file only, named "file"' },
    ]);
  return new InvalidError(`The multipart body was refused: ${error.message}.`, [
    { path: error.field ?? '(body)', message: error.code },
  ]);
}

/** The middleware that reads a multipart upload with one `file` (and its fields) into the request. */
export function multipartUpload(settings: UploadSettings): RequestHandler {
  const upload = multer({
    storage: storeEngine(settings),
    // File names as browsers send them: UTF-8.
    defParamCharset: 'utf8',
    limits: {
      fileSize: settings.maxBytes,
      files: 1,
      fields: 10,
      fieldSize: 8 * 1024,
      parts: 11,
      fieldNameSize: 40,
    },
  }).single('file');
  return (req, res, next) => {
    if (!req.is('multipart/form-data'))
      return next(new InvalidError('Send the document as multipart/form-data with a "file" field.'));
    upload(req, res, (error?: unknown) => {
      if (!error) return next();
      next(error instanceof AppError ? error : asProblem(error, settings));
    });
  };
}
