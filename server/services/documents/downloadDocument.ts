/**
 * A download, through the kernel and the policy: the document is loaded for the actor ("not found"
 * unless they may know it exists), the policy's `download` right decides (RED only for its named
 * recipients who are still members), only a `clean` version is ever read, and every download of
 * AMBER+STRICT and RED is recorded for the originator with the version. Ranges and an ETag (the
 * SHA-256) let downloads resume.
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../../shared/policy/actor.js';
import { asLabel } from '../../../shared/policy/content.js';
import { isAccessAudited } from '../../../shared/policy/labels.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { NotFoundError } from '../../errors.js';
import { openReader, type FileBucket } from '../../files/fileStore.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';

/** Media types a browser may show inline (the rest always download). */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A version ready to stream: its facts, and how to open its bytes (whole or a range). */
export interface Download {
  fileName: string;
  size: number;
  sha256: string | null;
  mediaType: string;
  mayShowInline: boolean;
  open(range?: { start: number; end: number }): Readable;
}

/** The clean version `n` (or the newest clean one) of a document the actor may `action`, with the document. */
export async function loadCleanVersion(
  actor: Actor,
  id: string,
  n: number | null,
  action: 'download' | 'read',
): Promise<{ ctx: SharingContext; item: DocumentDoc; version: DocumentVersionDoc }> {
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  await authorizeSharing(ctx, action, 'Document', contentSubject(item), { hide: 'File' });
  const wanted = n ?? item.cleanVersion;
  if (wanted === null || wanted === undefined) throw new NotFoundError('File');
  const version = (await DocumentVersionModel.findOne({
    documentId: item._id,
    n: wanted,
    status: 'clean',
  }).lean()) as DocumentVersionDoc | null;
  if (!version) throw new NotFoundError('File');
  return { ctx, item, version };
}

/** Records a view or download of AMBER+STRICT and RED material for its originator, with the version. */
export async function recordFileAccess(
  ctx: SharingContext,
  item: DocumentDoc,
  version: DocumentVersionDoc,
  how: 'content.downloaded' | 'content.viewed',
  channel: string,
): Promise<void> {
  const label = asLabel(item.label);
  if (!isAccessAudited(label)) return;
  await recordAudit(
    ctx.actor,
    how,
    { type: 'Document', id: String(item._id), label },
    { channel, version: version.n },
  );
}

/** The version `n` (or the newest clean one) of the document, when the actor may download it. */
export async function downloadDocument(actor: Actor, id: string, n: number | null): Promise<Download> {
  const { ctx, item, version } = await loadCleanVersion(actor, id, n, 'download');
  await recordFileAccess(ctx, item, version, 'content.downloaded', 'rest.download');
  const mediaType = version.mediaType ?? 'application/octet-stream';
  const bucket = version.bucket as FileBucket;
  return {
    fileName: version.fileName,
    size: version.size,
    sha256: version.sha256 ?? null,
    mediaType,
    mayShowInline: INLINE_TYPES.has(mediaType),
    open: (range) => openReader(bucket, version.fileKey, range),
  };
}
