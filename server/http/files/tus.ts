/**
 * The resumable upload endpoint, tus 1.0.0 (https://tus.io/protocols/resumable-upload) with the
 * creation, expiration, checksum and termination extensions, at `/api/v1/uploads`. `Upload-Metadata`
 * carries, for a new document, `space`, `title`, `label`, `filename` and optional `description`,
 * `language`, `tags` (comma-separated); for a new version, `document`, `filename` and optional `note`
 * and `label`. Metadata is validated with the same zod schemas as multipart. The creation answer names
 * the document in `Concordia-Document-Id`. Errors are problem documents with the tus headers.
 */
import { createHash } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type { z } from 'zod';
import { NewDocumentFields, NewVersionFields } from '../../../shared/schemas/documents.js';
import { ObjectIdString, Slug } from '../../../shared/schemas/common.js';
import { ConflictError, InvalidError, TooLargeError } from '../../errors.js';
import {
  appendUpload,
  cancelUpload,
  startUpload,
  uploadState,
  type UploadTarget,
} from '../../services/documents/resumableUploads.js';
import type { UploadSettings } from '../../services/documents/uploadSettings.js';
import { fieldErrors } from '../problem.js';

const TUS_VERSION = '1.0.0';
const EXTENSIONS = 'creation,expiration,checksum,termination';
const CHECKSUMS = ['sha1', 'sha256', 'md5'] as const;

/** Reads `Upload-Metadata`: comma-separated `key base64value` pairs. */
export function parseMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const pair of header.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || !/^[A-Za-z0-9_-]{1,40}$/.test(key) || key in out)
      throw new InvalidError('Upload-Metadata is not a list of distinct "key base64" pairs.');
    if (value !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
      throw new InvalidError(`Upload-Metadata "${key}" is not base64.`);
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidError(
      `The ${where} does not match the expected shape.`,
      fieldErrors(result.error).map((e) => ({ ...e, path: `${where}.${e.path}` })),
    );
  return result.data;
}

/** What the metadata asks for (a new document, or a new version). */
export function targetOf(meta: Record<string, string>): { target: UploadTarget; filename: string } {
  const { filename, space, document, ...rest } = meta;
  if (!filename)
    throw new InvalidError('Upload-Metadata needs "filename".', [
      { path: 'metadata.filename', message: 'required' },
    ]);
  if (document !== undefined) {
    const fields = parsed(NewVersionFields, rest, 'metadata');
    return {
      target: { kind: 'version', document: parsed(ObjectIdString, document, 'metadata.document'), fields },
      filename,
    };
  }
  const { tags, ...others } = rest;
  const fields = parsed(
    NewDocumentFields,
    {
      ...others,
      ...(tags
        ? {
            tags: tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
    },
    'metadata',
  );
  return { target: { kind: 'document', space: parsed(Slug, space, 'metadata.space'), fields }, filename };
}

function tusHeaders(res: Response): void {
  res.setHeader('Tus-Resumable', TUS_VERSION);
  res.setHeader('Cache-Control', 'no-store');
}

function requireVersion(req: Request): void {
  if (req.headers['tus-resumable'] !== TUS_VERSION)
    throw new InvalidError(`Send Tus-Resumable: ${TUS_VERSION}.`);
}

function wholeNumber(value: string | undefined, name: string): number {
  if (value === undefined || !/^\d{1,16}$/.test(value))
    throw new InvalidError(`${name} must be a whole number of bytes.`);
  return Number(value);
}

/**
 * The PATCH body as a stream. `pipeline` (not `pipe`) passes on a client that goes away, so an append
 * cut mid-body ends at once and the next PATCH resumes. With `Upload-Checksum`, the chunk (at most
 * twice UPLOAD_CHUNK_BYTES) is read first and checked before a byte is stored: a mismatch stores
 * nothing (tus answers 460; we answer 409 `checksum_mismatch`).
 */
async function bodyOf(req: Request, chunkBytes: number): Promise<Readable> {
  const header = req.headers['upload-checksum'];
  if (!header) {
    const pass = new PassThrough();
    pipeline(req, pass, () => undefined);
    return pass;
  }
  const [algorithm, expected] = String(header).split(' ');
  if (!algorithm || !expected || !(CHECKSUMS as readonly string[]).includes(algorithm))
    throw new InvalidError('Upload-Checksum names an algorithm this server does not support.');
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > 2 * chunkBytes)
      throw new TooLargeError(`A chunk with Upload-Checksum may carry at most ${2 * chunkBytes} bytes.`);
    parts.push(part);
  }
  const chunk = Buffer.concat(parts);
  if (createHash(algorithm).update(chunk).digest('base64') !== expected)
    throw new ConflictError('The chunk does not match its Upload-Checksum; send it again.', {
      reason: 'checksum_mismatch',
    });
  return Readable.from([chunk]);
}

/** Mounts the tus endpoint on the API router. */
export function mountTus(router: Router, settings: UploadSettings): void {
  router.options('/uploads', (_req, res) => {
    tusHeaders(res);
    res.setHeader('Tus-Version', TUS_VERSION);
    res.setHeader('Tus-Extension', EXTENSIONS);
    res.setHeader('Tus-Max-Size', String(settings.maxBytes));
    res.setHeader('Tus-Checksum-Algorithm', CHECKSUMS.join(','));
    res.status(204).end();
  });
  router.post('/uploads', async (req, res) => {
    tusHeaders(res);
    requireVersion(req);
    if (req.headers['upload-defer-length'])
      throw new InvalidError('Send Upload-Length: deferred lengths are not taken.');
    const length = wholeNumber(req.headers['upload-length'] as string | undefined, 'Upload-Length');
    const { target, filename } = targetOf(
      parseMetadata(req.headers['upload-metadata'] as string | undefined),
    );
    const upload = await startUpload(req.actor, settings, target, filename, length);
    res.setHeader('Location', `/api/v1/uploads/${upload.id}`);
    res.setHeader('Upload-Expires', upload.expiresAt.toUTCString());
    res.setHeader('Concordia-Document-Id', upload.documentId);
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Location, Upload-Offset, Upload-Expires, Concordia-Document-Id',
    );
    res.status(201).end();
  });
  router.head('/uploads/:id', async (req, res) => {
    tusHeaders(res);
    const state = await uploadState(req.actor, String(req.params.id));
    res.setHeader('Upload-Offset', String(state.offset));
    res.setHeader('Upload-Length', String(state.length));
    res.setHeader('Upload-Expires', state.expiresAt.toUTCString());
    res.setHeader('Concordia-Document-Id', state.documentId);
    res.status(200).end();
  });
  router.patch('/uploads/:id', async (req, res) => {
    tusHeaders(res);
    requireVersion(req);
    if (!req.is('application/offset+octet-stream'))
      throw new InvalidError('Send the chunk as application/offset+octet-stream.');
    const offset = wholeNumber(req.headers['upload-offset'] as string | undefined, 'Upload-Offset');
    const result = await appendUpload(
      req.actor,
      settings,
      String(req.params.id),
      offset,
      await bodyOf(req, settings.chunkBytes),
    );
    res.setHeader('Upload-Offset', String(result.offset));
    res.setHeader('Concordia-Document-Id', result.documentId);
    res.status(204).end();
  });
  router.delete('/uploads/:id', async (req, res) => {
    tusHeaders(res);
    requireVersion(req);
    await cancelUpload(req.actor, String(req.params.id));
    res.status(204).end();
  });
}

/** Whether a request is a tus append (its bytes count against the general limits, not the writes budget). */
export function isTusAppend(req: Request): boolean {
  return req.method === 'PATCH' && /^\/uploads\/[a-f0-9]{24}$/.test(req.path);
}
