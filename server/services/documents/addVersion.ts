/**
 * A new version of a document (SHARING.md: a new version never lowers the label). The author (while in
 * the space) or a moderator adds it; a higher label raises the document through the kernel's relabel
 * (audited, the RED audience kept); the version's number is taken by one conditional update, so two
 * uploads at once never share a number. A refused file adds nothing; an infected one is held.
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import { isBelowParent, type Label } from '../../../shared/policy/labels.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import type { NewVersionFields } from '../../../shared/schemas/documents.js';
import { ConflictError, InvalidError } from '../../errors.js';
import { removeFile } from '../../files/fileStore.js';
import { emitDocumentEvent } from '../../events/contentEvents.js';
import { indexDocumentText } from './indexDocumentText.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { loadContent } from '../../policy/contentAccess.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import { authorizeSharing } from '../../policy/sharingAccess.js';
import { contentSubject, loadContentFor } from '../content/loadContentFor.js';
import { applyLabel, requireRelabel } from '../moderation/relabelContent.js';
import { checkFile, type FileOutcome } from './checkFile.js';
import { versionRecord } from './createDocument.js';
import { throwIfInfected, throwIfRefused } from './fileRefusal.js';
import { holdFile } from './holdFile.js';
import { presentDocument } from './presentDocument.js';
import type { ReceivedFile } from './receiveFile.js';

/** The fields of a new version. */
export type VersionFields = z.infer<typeof NewVersionFields>;

/** A new version decided: the document, the label it will carry, the actor's context. */
export interface PreparedVersion {
  ctx: SharingContext;
  document: DocumentDoc;
  label: Label;
  note: string | null;
}

/** Decides whether the actor may add a version so labelled to the document. */
export async function prepareVersion(
  actor: Actor,
  id: string,
  fields: VersionFields,
): Promise<PreparedVersion> {
  const ctx = await loadSharingContext(actor);
  const document = await loadContentFor(ctx, 'Document', id);
  await authorizeSharing(ctx, 'update', 'Document', contentSubject(document));
  const label = fields.label ?? (document.label as Label);
  if (isBelowParent(label, document.label as Label))
    throw new InvalidError(
      `A new version may not lower the document's label (${document.label}).`,
      [{ path: 'label', message: `below the document's label ${document.label}` }],
      { reason: 'label_below_document', params: { label, document: document.label } },
    );
  if (label !== document.label) await requireRelabel(ctx, 'Document', document, label);
  return { ctx, document, label, note: fields.note ?? null };
}

/**
 * Stores a checked file as the document's next version; returns the document as now stored. The
 * caller removes the file if this throws.
 */
export async function storeVersion(
  actor: Actor,
  prepared: PreparedVersion,
  file: { key: string; fileName: string; size: number; sha256: string },
  outcome: FileOutcome,
): Promise<{ document: DocumentDoc; version: DocumentVersionDoc }> {
  let document = prepared.document;
  const reserved = await DocumentModel.findOneAndUpdate(
    { _id: document._id, versionCount: document.versionCount, state: 'visible' },
    { $inc: { versionCount: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!reserved) throw new ConflictError('The document changed meanwhile; reload it and try again.');
  const n = reserved.versionCount;
  if (prepared.label !== document.label)
    document = await applyLabel(
      actor,
      { ...document, versionCount: n },
      prepared.label,
      prepared.note ?? `Version ${n}`,
      { action: 'relabel' },
      'Document',
    );
  const created = await DocumentVersionModel.create(
    versionRecord(
      document,
      n,
      { ...file, fileKey: file.key, status: outcome.status, outcome, note: prepared.note },
      actor.kind === 'person' ? actor.id : String(document.authorId),
    ),
  );
  await DocumentModel.updateOne(
    { _id: document._id },
    { $set: { status: outcome.status, ...(outcome.status === 'clean' ? { cleanVersion: n } : {}) } },
  );
  if (outcome.status === 'clean') await indexDocumentText(document._id);
  const after = (await loadContent(String(document._id), 'Document')) as DocumentDoc;
  emitDocumentEvent({ type: 'versioned', before: prepared.document, after });
  return { document: after, version: created.toObject() as DocumentVersionDoc };
}

/** Adds a received file as a new version, or refuses it (see the file comment). */
export async function uploadVersion(actor: Actor, id: string, fields: VersionFields, file: ReceivedFile) {
  let kept = false;
  try {
    const prepared = await prepareVersion(actor, id, fields);
    const outcome = await checkFile(file, file.scan);
    throwIfRefused(outcome);
    const { document, version } = await storeVersion(actor, prepared, file, outcome);
    kept = true;
    await holdFile(document, version, outcome);
    throwIfInfected(outcome, String(document._id));
    return await presentDocument(prepared.ctx, document);
  } finally {
    if (!kept) await removeFile('uploads', file.key).catch(() => undefined);
  }
}
