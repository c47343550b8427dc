/**
 * A new document through the kernel: the policy's `create` right in the space, the ceiling (refused
 * above it, never downgraded), the RED audience, authorship and the search index come from
 * content/createContent.ts; this file adds the first version's record. Used by the multipart upload
 * (the file is already received and checked) and by a resumable upload's creation (status `receiving`).
 */
import type { z } from 'zod';
import type { Actor } from '../../../shared/policy/actor.js';
import type { FileStatus, NewDocumentFields } from '../../../shared/schemas/documents.js';
import type { SharingContext } from '../../../shared/policy/sharingContext.js';
import { loadSharingContext } from '../../policy/loadSharingContext.js';
import type { DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { prepareContent, storeContent, type PreparedContent } from '../content/createContent.js';
import { visibleSpace } from '../spaces/spaceLookups.js';
import { tombstoneContent } from '../content/moderateContent.js';
import { DOCUMENT_KIND } from './documentKind.js';
import type { FileOutcome } from './checkFile.js';

/** The fields of a new document. */
export type DocumentFields = z.infer<typeof NewDocumentFields>;

/** A new document decided but not stored yet. */
export interface PreparedDocument {
  ctx: SharingContext;
  prepared: PreparedContent;
  fields: DocumentFields;
}

/** Decides whether the actor may put a document so labelled in the space (refusals as the kernel words them). */
export async function prepareDocument(
  actor: Actor,
  spaceSlug: string,
  fields: DocumentFields,
): Promise<PreparedDocument> {
  const ctx = await loadSharingContext(actor);
  const space = await visibleSpace(ctx, spaceSlug);
  const prepared = await prepareContent(ctx, DOCUMENT_KIND, { space, label: fields.label });
  return { ctx, prepared, fields };
}

/** The first version's file as the document records it. */
export interface VersionFile {
  fileKey: string;
  fileName: string;
  size: number;
  sha256: string | null;
  status: FileStatus;
  outcome?: FileOutcome;
  note?: string | null;
}

/** The record of one version. */
export function versionRecord(
  document: Pick<DocumentDoc, '_id' | 'label'>,
  n: number,
  file: VersionFile,
  authorId: string,
) {
  const o = file.outcome;
  return {
    documentId: document._id,
    n,
    fileKey: file.fileKey,
    bucket: 'uploads' as const,
    fileName: file.fileName,
    size: file.size,
    sha256: file.sha256,
    kind: o?.kind ?? null,
    mediaType: o?.mediaType ?? null,
    legacyOffice: o?.legacyOffice ?? false,
    status: file.status,
    reason: o?.reason ?? null,
    signature: o?.signature ?? null,
    scanned: o?.scanned ?? false,
    scannerVersion: o?.scannerVersion ?? null,
    scannedAt: o?.scanned ? new Date() : null,
    note: file.note ?? null,
    label: document.label,
    authorId,
  };
}

/** Stores the prepared document with its first version (`extra`: a shared copy's `forwardedFrom`). */
export async function storeDocument(
  prepared: PreparedDocument,
  file: VersionFile,
  extra: { forwardedFrom?: { documentId: unknown; chathamHouse: boolean } } = {},
): Promise<{ document: DocumentDoc; version: DocumentVersionDoc }> {
  const { fields } = prepared;
  const { item } = await storeContent(DOCUMENT_KIND, prepared.prepared, {
    fields: {
      title: fields.title,
      body: fields.description ?? '',
      tags: fields.tags ?? [],
      status: file.status,
      cleanVersion: file.status === 'clean' ? 1 : null,
      versionCount: 1,
      ...extra,
    },
    language: fields.language ?? null,
  });
  const created = await DocumentVersionModel.create(
    versionRecord(item, 1, file, prepared.prepared.actor.id),
  ).catch(async (error: unknown) => {
    // A document without its first version is never left visible: it goes to a tombstone at once.
    const reason = 'Its file could not be recorded.';
    await tombstoneContent(DOCUMENT_KIND, prepared.prepared.actor, item, {
      reason,
      auditedReason: reason,
      audit: false,
    }).catch(() => undefined);
    throw error;
  });
  const version = created.toObject() as DocumentVersionDoc;
  return { document: item, version };
}
