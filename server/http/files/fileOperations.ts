/**
 * The OpenAPI entries of the byte-stream routes (multipart uploads, tus, downloads), which are not
 * declared routes: their bodies and answers are files, not JSON.
 */
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Document, NewDocumentFields, NewVersionFields } from '../../../shared/schemas/documents.js';
import { Problem } from '../../../shared/schemas/common.js';
import { PREVIEW_PAGES } from '../../services/documents/makePreviews.js';

const PREFIX = '/api/v1';
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const refusals = {
  400: problem('Refused: the file (type, disguise, name, malware: `code` says which) or the fields'),
  401: problem('Sign-in required'),
  403: problem('Not allowed'),
  404: problem('Not found'),
  413: problem('Larger than UPLOAD_MAX_BYTES'),
  503: problem('The configured virus scanner cannot be reached: nothing was stored'),
};
const id = z.string().regex(/^[a-f0-9]{24}$/);
const tusHeaders = z.object({ 'tus-resumable': z.literal('1.0.0') });

/** Registers the file routes' descriptions. */
export function documentFileOperations(registry: OpenAPIRegistry): void {
  const multipart = (fields: z.ZodObject) => ({
    required: true,
    content: {
      'multipart/form-data': {
        schema: fields.extend({ file: z.string().meta({ format: 'binary' }) }),
      },
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${PREFIX}/spaces/{space}/documents`,
    summary:
      'Upload a new document (multipart: file, title, label, optional description, language, comma-separated tags)',
    tags: ['Documents'],
    request: {
      params: z.object({ space: z.string() }),
      body: multipart(NewDocumentFields.omit({ tags: true }).extend({ tags: z.string().optional() })),
    },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: Document } } },
      ...refusals,
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${PREFIX}/documents/{document}/versions`,
    summary: 'Upload a new version (multipart: file, optional note and a label not below the document’s)',
    tags: ['Documents'],
    request: { params: z.object({ document: id }), body: multipart(NewVersionFields) },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: Document } } },
      ...refusals,
    },
  });
  const file = {
    description: 'The file (206 for a Range)',
    content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
  };
  registry.registerPath({
    method: 'get',
    path: `${PREFIX}/documents/{document}/download`,
    summary: 'Download the newest clean version (Range and ETag supported; AMBER+STRICT and RED recorded)',
    // The policy decides: a published CLEAR document may be read signed out.
    security: [{}, { apiToken: [] }, { session: [] }],
    tags: ['Documents'],
    request: { params: z.object({ document: id }) },
    responses: {
      200: file,
      206: file,
      404: problem('Not found or not available to you'),
      416: { description: 'Range not satisfiable' },
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${PREFIX}/documents/{document}/versions/{n}/download`,
    summary: 'Download one clean version',
    // The policy decides: a published CLEAR document may be read signed out.
    security: [{}, { apiToken: [] }, { session: [] }],
    tags: ['Documents'],
    request: { params: z.object({ document: id, n: z.coerce.number().int().min(1).max(100_000) }) },
    responses: {
      200: file,
      206: file,
      404: problem('Not found or not available to you'),
      416: { description: 'Range not satisfiable' },
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${PREFIX}/documents/{document}/versions/{n}/preview/{page}`,
    summary:
      'One of the first pages of a clean PDF version, as a small PNG (a view; AMBER+STRICT and RED recorded)',
    tags: ['Documents'],
    security: [{}, { apiToken: [] }, { session: [] }],
    request: {
      params: z.object({
        document: id,
        n: z.coerce.number().int().min(1).max(100_000),
        page: z.coerce.number().int().min(1).max(PREVIEW_PAGES),
      }),
    },
    responses: {
      200: {
        description: 'The page, as an image',
        content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } },
      },
      400: problem('No such page number'),
      404: problem('Not found or not available to you, or no preview'),
    },
  });
  registry.registerPath({
    method: 'options',
    path: `${PREFIX}/uploads`,
    summary: 'tus 1.0 capabilities (creation, expiration, checksum, termination)',
    tags: ['Documents'],
    security: [],
    responses: { 204: { description: 'Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm' } },
  });
  registry.registerPath({
    method: 'post',
    path: `${PREFIX}/uploads`,
    summary:
      'tus creation: Upload-Length and Upload-Metadata (space, title, label, filename… or document, filename, note, label)',
    tags: ['Documents'],
    request: {
      headers: tusHeaders.extend({
        'upload-length': z.string().regex(/^[0-9]{1,16}$/),
        'upload-metadata': z.string(),
      }),
    },
    responses: {
      201: { description: 'Location of the upload; Concordia-Document-Id names the document' },
      ...refusals,
    },
  });
  registry.registerPath({
    method: 'head',
    path: `${PREFIX}/uploads/{id}`,
    summary: 'tus offset: how much of the upload is stored',
    tags: ['Documents'],
    request: { params: z.object({ id }), headers: tusHeaders },
    responses: { 200: { description: 'Upload-Offset and Upload-Length' }, 404: problem('Not found') },
  });
  registry.registerPath({
    method: 'patch',
    path: `${PREFIX}/uploads/{id}`,
    summary:
      'tus append at Upload-Offset (application/offset+octet-stream); the last one checks and scans the file',
    tags: ['Documents'],
    request: {
      params: z.object({ id }),
      headers: tusHeaders.extend({ 'upload-offset': z.string() }),
      body: {
        content: { 'application/offset+octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
    },
    responses: {
      204: { description: 'Stored; Upload-Offset is the new offset' },
      409: problem('Wrong offset, busy, or checksum mismatch'),
      ...refusals,
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${PREFIX}/uploads/{id}`,
    summary: 'tus termination: the upload and what it made are removed',
    tags: ['Documents'],
    request: { params: z.object({ id }), headers: tusHeaders },
    responses: { 204: { description: 'Removed' }, 404: problem('Not found') },
  });
}
