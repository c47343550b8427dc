/**
 * Shares a document onward into another space (SHARING.md, "Onward sharing": re-share a document) as
 * a copy, by the kernel's one check (content/onwardShare.ts): CLEAR and GREEN to any members-only
 * space, AMBER to the sharer's own city space or that city's space with its partners, AMBER+STRICT to
 * the sharer's own city internal space, RED nowhere; the copy keeps its label (never lowered) under
 * the destination's ceiling. The copy is a new document of the destination, made through the kernel
 * like an upload, whose first version is the source's readable (clean) version: its bytes are copied
 * in the file store (each document then lives and is deleted on its own) and checked against the
 * recorded SHA-256, so nothing unchecked is ever shared. The sharer is the copy's uploader: nobody's
 * name travels with it (the Chatham House Rule holds by construction). Audited as `content.shared`.
 */
import { pipeline } from 'node:stream/promises';
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { ConflictError, UnauthenticatedError } from '../../errors.js';
import { openReader, openWriter, removeFile, type FileBucket } from '../../files/fileStore.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import type { DocumentDoc } from '../../models/Document.js';
import { loadContent, recordSensitiveAccess } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { loadContentFor } from '../content/loadContentFor.js';
import { onwardDestinations, requireOnwardShare } from '../content/onwardShare.js';
import { prepareDocument, storeDocument } from './createDocument.js';
import { indexDocumentText } from './indexDocumentText.js';
import { spacesById } from '../spaces/spaceLookups.js';
import { cleanVersionOf } from './cleanVersion.js';
import { presentDocument } from './presentDocument.js';

/** Copies the bytes of a stored version into a new file of the uploads store; returns its key. */
async function copyBytes(version: DocumentVersionDoc): Promise<string> {
  const writer = openWriter('uploads');
  await pipeline(openReader(version.bucket as FileBucket, version.fileKey), writer);
  if (version.sha256 && writer.sha256 !== version.sha256) {
    await removeFile('uploads', writer.key);
    throw new ConflictError('The stored file does not match its record; it was not shared.');
  }
  return writer.key;
}

/**
 * Refuses the copy when the source changed while its bytes were copied: raised, quarantined or
 * deleted, or its readable version replaced or found infected by a rescan.
 */
async function requireUnchanged(item: DocumentDoc, version: DocumentVersionDoc): Promise<void> {
  const now = await loadContent(String(item._id), 'Document');
  const file = await DocumentVersionModel.findOne({ _id: version._id }, { status: 1 }).lean();
  const same =
    now &&
    now.state === 'visible' &&
    now.label === item.label &&
    now.cleanVersion === item.cleanVersion &&
    file?.status === 'clean';
  if (!same)
    throw new ConflictError('The document changed while it was being shared; try again.', {
      reason: 'state_conflict',
    });
}

/** Creates the copy of document `id` in the space `to` and answers it. */
export async function shareDocument(actor: Actor, id: string, to: string) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  const destination = await requireOnwardShare(ctx, 'Document', item, to);
  if (String(destination._id) === String(item.spaceId))
    throw new ConflictError('The document is already in this space.', { reason: 'state_conflict' });
  const version = await cleanVersionOf(item);
  if (!version)
    throw new ConflictError('Only a document with a checked, available file can be shared.', {
      reason: 'state_conflict',
    });

  const prepared = await prepareDocument(actor, destination.slug, {
    title: item.title,
    label: item.label,
    description: item.body || undefined,
    language: (item.language ?? undefined) as never,
    tags: item.tags,
  });
  const source = (await spacesById([item.spaceId])).get(String(item.spaceId));
  const fileKey = await copyBytes(version);
  let kept = false;
  try {
    await requireUnchanged(item, version);
    const { document } = await storeDocument(
      prepared,
      {
        fileKey,
        fileName: version.fileName,
        size: version.size,
        sha256: version.sha256 ?? null,
        status: 'clean',
        note: version.note,
        outcome: {
          status: 'clean',
          reason: null,
          detail: null,
          kind: version.kind ?? null,
          mediaType: version.mediaType ?? null,
          legacyOffice: version.legacyOffice,
          signature: null,
          scanned: version.scanned,
          scannerVersion: version.scannerVersion ?? null,
        },
      },
      { forwardedFrom: { documentId: item._id, chathamHouse: source?.chathamHouse ?? true } },
    );
    kept = true;
    await recordAudit(
      actor,
      'content.shared',
      { type: 'Document', id, label: item.label },
      { to: destination.slug, copy: String(document._id) },
    );
    // Copying the bytes reads the file: the originator's access log shows it (AMBER+STRICT).
    await recordSensitiveAccess(ctx, [item], 'download', 'share', 'Document');
    // The copy is stored and readable; a failed text index is made again by the next re-index.
    await indexDocumentText(document._id).catch(() => undefined);
    return await presentDocument(prepared.ctx, document);
  } finally {
    if (!kept) await removeFile('uploads', fileKey).catch(() => undefined);
  }
}

/** The spaces the actor may share document `id` into (for the share form). */
export async function listShareDestinations(actor: Actor, id: string) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  const ctx = await loadSharingContext(actor);
  const item = await loadContentFor(ctx, 'Document', id);
  const spaces = item.cleanVersion ? await onwardDestinations(ctx, 'Document', item) : [];
  return { items: spaces.map((s) => ({ slug: s.slug, name: s.name, kind: s.kind })) };
}
