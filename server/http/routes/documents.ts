/**
 * /api/v1 documents: a space's list, one document, its originator's access log and the upload
 * settings (declared routes, in the OpenAPI document); uploads (multipart and tus) and downloads are
 * byte streams, mounted by {@link mountDocumentFiles}.
 */
import type { Request, Router } from 'express';
import { z } from 'zod';
import {
  Document,
  DocumentShare,
  ShareDestinations,
  DocumentAccessLog,
  DocumentListQuery,
  DocumentPage,
  FileScannerStatus,
  NewDocumentFields,
  NewVersionFields,
  UploadSettings as UploadSettingsView,
} from '../../../shared/schemas/documents.js';
import { ObjectIdString, Slug } from '../../../shared/schemas/common.js';
import { ModerationReason } from '../../../shared/schemas/posts.js';
import { releaseVersion } from '../../services/documents/moderateDocument.js';
import type { Config } from '../../config.js';
import { InvalidError } from '../../errors.js';
import { uploadVersion } from '../../services/documents/addVersion.js';
import { fileScannerStatus } from '../../services/documents/fileScannerStatus.js';
import { getDocument } from '../../services/documents/getDocument.js';
import { holdDocument, liftDocumentHold } from '../../services/documents/holdDocument.js';
import { listDocumentAccess } from '../../services/documents/listDocumentAccess.js';
import { listDocuments } from '../../services/documents/listDocuments.js';
import { removeStoredUpload } from '../../services/documents/removeStoredUpload.js';
import { listShareDestinations, shareDocument } from '../../services/documents/shareDocument.js';
import { uploadDocument } from '../../services/documents/uploadDocument.js';
import { publicUploadSettings, type UploadSettings } from '../../services/documents/uploadSettings.js';
import { defineRoute } from '../defineRoute.js';
import { mountDownloads } from '../files/downloads.js';
import { multipartUpload, receivedFileOf } from '../files/multipartUpload.js';
import { mountTus } from '../files/tus.js';
import { fieldErrors } from '../problem.js';

const SpaceParams = z.object({ space: Slug });
const DocumentParams = z.object({ document: ObjectIdString });

function uploads(req: Request): UploadSettings {
  return (req.app.locals.config as Config).uploads;
}

/** The declared document routes. */
export const documentRoutes = [
  defineRoute({
    method: 'get',
    path: '/spaces/:space/documents',
    tag: 'Documents',
    summary: "A space's documents, newest first (others' only once a version is clean)",
    access: 'members',
    params: SpaceParams,
    query: DocumentListQuery,
    response: DocumentPage,
    handler: ({ actor, params, query }) => listDocuments(actor, params.space, query),
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:document',
    tag: 'Documents',
    summary: 'One document with its versions (views of AMBER+STRICT and RED are recorded)',
    access: 'members',
    params: DocumentParams,
    response: Document,
    handler: ({ actor, params }) => getDocument(actor, params.document),
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:document/access',
    tag: 'Documents',
    summary: "The originator's access log: who viewed or downloaded which version, from which city, when",
    access: 'members',
    params: DocumentParams,
    query: DocumentListQuery,
    response: DocumentAccessLog,
    handler: ({ actor, params, query }) => listDocumentAccess(actor, params.document, query),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/:document/versions/:n/release',
    tag: 'Documents',
    summary: "A moderator's audited release of a version too large for the virus scanner",
    access: 'members',
    params: z.object({ document: ObjectIdString, n: z.coerce.number().int().min(1) }),
    body: ModerationReason,
    response: z.object({ done: z.literal(true) }),
    handler: ({ actor, params, body }) => releaseVersion(actor, params.document, params.n, body.reason),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/:document/hold',
    tag: 'Documents',
    summary: "A moderator's audited hold, with a reason: no retention period deletes the document meanwhile",
    access: 'members',
    params: DocumentParams,
    body: ModerationReason,
    response: z.object({ done: z.literal(true) }),
    handler: ({ actor, params, body }) => holdDocument(actor, params.document, body.reason),
  }),
  defineRoute({
    method: 'delete',
    path: '/documents/:document/hold',
    tag: 'Documents',
    summary: "Lifts a moderator's hold (audited): the label's retention period applies again",
    access: 'members',
    params: DocumentParams,
    response: z.object({ done: z.literal(true) }),
    handler: ({ actor, params }) => liftDocumentHold(actor, params.document),
  }),
  defineRoute({
    method: 'post',
    path: '/documents/:document/share',
    tag: 'Documents',
    summary: 'Share a document onward into another space as a copy, as the sharing table allows',
    access: 'members',
    status: 201,
    params: DocumentParams,
    body: DocumentShare,
    response: Document,
    handler: ({ actor, params, body }) => shareDocument(actor, params.document, body.to),
  }),
  defineRoute({
    method: 'get',
    path: '/documents/:document/share-destinations',
    tag: 'Documents',
    summary: 'The spaces I may share this document into (none for RED)',
    access: 'members',
    params: DocumentParams,
    response: ShareDestinations,
    handler: ({ actor, params }) => listShareDestinations(actor, params.document),
  }),
  defineRoute({
    method: 'get',
    path: '/uploads/settings',
    tag: 'Documents',
    summary: 'The upload limit, the resumable chunk size, and whether files are scanned',
    access: 'members',
    response: UploadSettingsView,
    handler: ({ req }) => Promise.resolve(publicUploadSettings(uploads(req))),
  }),
  defineRoute({
    method: 'get',
    path: '/uploads/scanner',
    tag: 'Documents',
    summary: "Whether files are scanned, the scanner's state and signatures, and the file counts (admins)",
    access: 'admin',
    response: FileScannerStatus,
    handler: ({ actor, req }) => fileScannerStatus(actor, uploads(req)),
  }),
];

/** Multipart text fields as the schemas take them (tags comma-separated; empty fields left out). */
function fieldsOf(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string' || value === '') continue;
    out[key] =
      key === 'tags'
        ? value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : value;
  }
  return out;
}

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new InvalidError(
      `The ${where} does not match the expected shape.`,
      fieldErrors(result.error).map((e) => ({ ...e, path: `${where}.${e.path}` })),
    );
  return result.data;
}

/** Mounts uploads (multipart and tus) and downloads on the API router, before the declared routes. */
export function mountDocumentFiles(router: Router, config: Config): void {
  const settings = config.uploads;
  const multipart = multipartUpload(settings);
  router.post('/spaces/:space/documents', multipart, async (req, res) => {
    const file = receivedFileOf(req);
    try {
      const { space } = parse(SpaceParams, req.params, 'path');
      const fields = parse(NewDocumentFields, fieldsOf(req.body), 'body');
      res.status(201).json(await uploadDocument(req.actor, space, fields, file));
    } catch (error) {
      await removeStoredUpload(file).catch(() => undefined);
      throw error;
    }
  });
  router.post('/documents/:document/versions', multipart, async (req, res) => {
    const file = receivedFileOf(req);
    try {
      const { document } = parse(DocumentParams, req.params, 'path');
      const fields = parse(NewVersionFields, fieldsOf(req.body), 'body');
      res.status(201).json(await uploadVersion(req.actor, document, fields, file));
    } catch (error) {
      await removeStoredUpload(file).catch(() => undefined);
      throw error;
    }
  });
  mountDownloads(router);
  mountTus(router, settings);
}
