/**
 * One preview page of a document's clean version (makePreviews.ts), for a reader: the same road as a
 * download (loaded for the actor, the policy's `read` right, clean versions only), and recorded as a
 * view of AMBER+STRICT and RED material for the originator (channel `rest.preview`).
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { NotFoundError } from '../../errors.js';
import { fileInfo, openReader } from '../../files/fileStore.js';
import { loadCleanVersion, recordFileAccess, type Download } from './downloadDocument.js';

/** Page `page` (from 1) of version `n`'s preview, when the actor may read the document. */
export async function previewDocument(actor: Actor, id: string, n: number, page: number): Promise<Download> {
  const { ctx, item, version } = await loadCleanVersion(actor, id, n, 'read');
  const key = version.previewKeys[page - 1];
  const info = key ? await fileInfo('uploads', key) : null;
  if (!key || !info) throw new NotFoundError('Preview');
  await recordFileAccess(ctx, item, version, 'content.viewed', 'rest.preview');
  return {
    fileName: `${version.fileName.replace(/\.[^.]*$/, '')}-page-${page}.png`,
    size: info.length,
    sha256: info.sha256 ?? null,
    mediaType: 'image/png',
    mayShowInline: true,
    open: (range) => openReader('uploads', key, range),
  };
}
