/**
 * File downloads (`GET /documents/:document/download`, `.../versions/:n/download`): the service
 * decides (policy, clean versions only, access recorded); this adapter streams with HTTP Range and an
 * ETag so downloads resume, `Content-Disposition: attachment` with a safe name (inline only for images
 * and PDF, when asked), `nosniff`, and a sandboxing CSP so nothing in a file can run as our page;
 * and the preview pages of a PDF (`.../versions/:n/preview/:page`, PNG, shown inline).
 */
import type { Request, Response, Router } from 'express';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ObjectIdString } from '../../../shared/schemas/common.js';
import { InvalidError } from '../../errors.js';
import { downloadDocument, type Download } from '../../services/documents/downloadDocument.js';
import { PREVIEW_PAGES } from '../../services/documents/makePreviews.js';
import { previewDocument } from '../../services/documents/previewDocument.js';
import { fieldErrors } from '../problem.js';

const Params = z.object({
  document: ObjectIdString,
  n: z.coerce.number().int().min(1).max(100_000).optional(),
});

const PreviewParams = z.object({
  document: ObjectIdString,
  n: z.coerce.number().int().min(1).max(100_000),
  page: z.coerce.number().int().min(1).max(PREVIEW_PAGES),
});

/** `attachment; filename="..."; filename*=UTF-8''...` with an ASCII fallback. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The one byte range asked for, or null for the whole file; 'unsatisfiable' when outside it. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null; // several ranges or nonsense: send it all
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

async function send(req: Request, res: Response, file: Download, alwaysInline = false): Promise<void> {
  const inline = (alwaysInline || req.query.disposition === 'inline') && file.mayShowInline;
  const etag = file.sha256 ? `"${file.sha256}"` : null;
  res.setHeader('Content-Type', file.mediaType);
  res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
  );
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', 'private, no-store');
  if (etag) res.setHeader('ETag', etag);
  if (etag && req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  // If-Range with another validator: the file changed, so the whole of it is sent.
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${file.size}`);
    res.status(416).end();
    return;
  }
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.size}`);
    res.setHeader('Content-Length', String(range.end - range.start + 1));
  } else res.setHeader('Content-Length', String(file.size));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(file.open(range ?? undefined), res);
}

/** Mounts the download routes on the API router. */
export function mountDownloads(router: Router): void {
  const handler = async (req: Request, res: Response) => {
    const params = Params.safeParse(req.params);
    if (!params.success)
      throw new InvalidError('The path does not match the expected shape.', fieldErrors(params.error));
    const file = await downloadDocument(req.actor, params.data.document, params.data.n ?? null);
    await send(req, res, file);
  };
  router.get('/documents/:document/download', handler);
  router.get('/documents/:document/versions/:n/download', handler);
  router.get('/documents/:document/versions/:n/preview/:page', async (req: Request, res: Response) => {
    const params = PreviewParams.safeParse(req.params);
    if (!params.success)
      throw new InvalidError('The path does not match the expected shape.', fieldErrors(params.error));
    const { document, n, page } = params.data;
    await send(req, res, await previewDocument(req.actor, document, n, page), true);
  });
}
