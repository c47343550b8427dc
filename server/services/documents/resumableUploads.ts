/**
 * Resumable uploads (tus 1.0: creation, expiration, checksum, termination) on the same file store and
 * the same checks as multipart. Creation decides everything the policy decides (space, label,
 * ceiling, a new version's rights) and, for a new document, stores it as `receiving` so the uploader
 * sees it; each PATCH appends at the stored offset (a dropped link keeps what arrived); the last one
 * hashes, scans (a remembered verdict for the same bytes and signatures is reused), checks and settles
 * the file as multipart does. Only the uploader can see or touch an upload; others get "not found".
 * Unfinished uploads expire (expireUploads), leaving nothing.
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../../shared/policy/actor.js';
import { recordAudit } from '../../audit/recordAudit.js';
import { NotFoundError, TooLargeError, UnauthenticatedError } from '../../errors.js';
import { pingScanner, scanStream } from '../../files/clamd.js';
import {
  appendToFile,
  createAppendable,
  hashStored,
  openReader,
  removeFile,
  storedLength,
} from '../../files/fileStore.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { UploadModel, type UploadDoc } from '../../models/Upload.js';
import { loadContent } from '../../policy/contentAccess.js';
import { indexDocumentText } from './indexDocumentText.js';
import {
  checkFile,
  rememberVerdict,
  rememberedVerdict,
  type FileOutcome,
  type ScanResult,
} from './checkFile.js';
import { prepareDocument, storeDocument, type DocumentFields } from './createDocument.js';
import { prepareVersion, storeVersion, type VersionFields } from './addVersion.js';
import { throwIfInfected, throwIfRefused } from './fileRefusal.js';
import { holdFile } from './holdFile.js';
import { requireSafeName } from './receiveFile.js';
import type { UploadSettings } from './uploadSettings.js';

/** What a new upload is for: a new document in a space, or a new version of a document. */
export type UploadTarget =
  | { kind: 'document'; space: string; fields: DocumentFields }
  | { kind: 'version'; document: string; fields: VersionFields };

/** An upload as tus reports it. */
export interface UploadState {
  id: string;
  documentId: string;
  offset: number;
  length: number;
  expiresAt: Date;
}

function personOf(actor: Actor) {
  if (actor.kind !== 'person') throw new UnauthenticatedError();
  return actor;
}

/** Refuses a configured scanner that does not answer (503) before any byte is taken. */
async function requireScanner(settings: UploadSettings): Promise<string | null> {
  if (!settings.clamdUrl) return null;
  return (await pingScanner(settings.clamdUrl)).version;
}

/** Starts an upload of `length` bytes named `rawName` (tus creation). */
export async function startUpload(
  actor: Actor,
  settings: UploadSettings,
  target: UploadTarget,
  rawName: string,
  length: number,
): Promise<UploadState> {
  const person = personOf(actor);
  if (length > settings.maxBytes)
    throw new TooLargeError(`The file is larger than the ${settings.maxBytes} bytes this server takes.`);
  const { fileName, extension } = requireSafeName(rawName);
  const prepared =
    target.kind === 'document'
      ? { document: await prepareDocument(actor, target.space, target.fields), version: null }
      : { document: null, version: await prepareVersion(actor, target.document, target.fields) };
  await requireScanner(settings);
  const fileKey = await createAppendable('uploads');
  const expiresAt = new Date(Date.now() + settings.expiryHours * 3_600_000);
  try {
    const documentId = prepared.document
      ? (
          await storeDocument(prepared.document, {
            fileKey,
            fileName,
            size: length,
            sha256: null,
            status: 'receiving',
          })
        ).document._id
      : (prepared.version?.document._id ?? null);
    const upload = await UploadModel.create({
      ownerId: person.id,
      documentId,
      versionN: prepared.document ? 1 : 0,
      fileKey,
      length,
      newDocument: Boolean(prepared.document),
      fileName,
      extension,
      note: prepared.version?.note ?? null,
      label: prepared.version?.label ?? null,
      expiresAt,
    });
    return { id: String(upload._id), documentId: String(documentId), offset: 0, length, expiresAt };
  } catch (error) {
    await removeFile('uploads', fileKey).catch(() => undefined);
    throw error;
  }
}

/** The actor's upload with `id`, or "not found". */
async function ownUpload(actor: Actor, id: string): Promise<UploadDoc> {
  const person = personOf(actor);
  const upload = /^[a-f0-9]{24}$/.test(id)
    ? ((await UploadModel.findById(id).lean()) as UploadDoc | null)
    : null;
  if (!upload || String(upload.ownerId) !== person.id || upload.expiresAt < new Date())
    throw new NotFoundError('Upload');
  return upload;
}

/** Where the upload stands (tus HEAD). */
export async function uploadState(actor: Actor, id: string): Promise<UploadState> {
  const upload = await ownUpload(actor, id);
  const offset = (await storedLength('uploads', upload.fileKey)) ?? 0;
  return {
    id,
    documentId: String(upload.documentId),
    offset,
    length: upload.length,
    expiresAt: upload.expiresAt,
  };
}

/** Removes an upload and what it made (its bytes; a new document's record and first version). */
async function discard(upload: UploadDoc): Promise<void> {
  await removeFile('uploads', upload.fileKey);
  if (upload.newDocument) {
    await DocumentVersionModel.deleteMany({ documentId: upload.documentId });
    await DocumentModel.deleteOne({ _id: upload.documentId, status: { $in: ['receiving', 'scanning'] } });
  }
  await UploadModel.deleteOne({ _id: upload._id });
}

/** Ends an upload at the uploader's request (tus termination). */
export async function cancelUpload(actor: Actor, id: string): Promise<void> {
  await discard(await ownUpload(actor, id));
}

/** The scanner's verdict on the stored bytes: remembered for the same bytes and signatures, or scanned now. */
async function verdictOf(
  settings: UploadSettings,
  upload: UploadDoc,
  sha256: string,
): Promise<ScanResult | null> {
  if (!settings.clamdUrl) return null;
  const { version } = await pingScanner(settings.clamdUrl);
  const known = await rememberedVerdict(sha256, version);
  if (known) return { verdict: known, scannerVersion: version };
  const verdict = await scanStream(settings.clamdUrl, openReader('uploads', upload.fileKey), {
    streamMaxBytes: settings.clamdStreamMaxBytes,
  });
  await rememberVerdict(sha256, verdict, version);
  return { verdict, scannerVersion: version };
}

/** Settles a complete upload: checks, scans, stores the version; refusals leave nothing. */
async function finishUpload(actor: Actor, settings: UploadSettings, upload: UploadDoc): Promise<DocumentDoc> {
  let outcome: FileOutcome;
  let sha256: string;
  try {
    if (upload.newDocument)
      await DocumentModel.updateOne({ _id: upload.documentId }, { $set: { status: 'scanning' } });
    sha256 = await hashStored('uploads', upload.fileKey);
    const verdict = await verdictOf(settings, upload, sha256);
    outcome = await checkFile(
      { key: upload.fileKey, size: upload.length, extension: upload.extension },
      verdict,
    );
    throwIfRefused(outcome);
  } catch (error) {
    await discard(upload);
    await recordAudit(
      actor,
      'document.refused',
      { type: 'Document', id: String(upload.documentId) },
      {
        reason: (error as { reason?: string }).reason ?? 'error',
      },
    );
    throw error;
  }
  const file = { key: upload.fileKey, fileName: upload.fileName, size: upload.length, sha256 };
  let document: DocumentDoc;
  let version: { n: number; fileKey: string };
  if (upload.newDocument) {
    await DocumentVersionModel.updateOne(
      { documentId: upload.documentId, n: 1 },
      {
        $set: {
          sha256,
          status: outcome.status,
          kind: outcome.kind,
          mediaType: outcome.mediaType,
          legacyOffice: outcome.legacyOffice,
          reason: outcome.reason,
          signature: outcome.signature,
          scanned: outcome.scanned,
          scannerVersion: outcome.scannerVersion,
          scannedAt: outcome.scanned ? new Date() : null,
        },
      },
    );
    await DocumentModel.updateOne(
      { _id: upload.documentId },
      { $set: { status: outcome.status, cleanVersion: outcome.status === 'clean' ? 1 : null } },
    );
    if (outcome.status === 'clean') await indexDocumentText(upload.documentId);
    document = (await loadContent(String(upload.documentId), 'Document')) as DocumentDoc;
    version = { n: 1, fileKey: upload.fileKey };
  } else {
    try {
      const prepared = await prepareVersion(actor, String(upload.documentId), {
        ...(upload.note ? { note: upload.note } : {}),
        ...(upload.label ? { label: upload.label as VersionFields['label'] } : {}),
      } as VersionFields);
      ({ document, version } = await storeVersion(actor, prepared, file, outcome));
    } catch (error) {
      await discard(upload);
      throw error;
    }
  }
  await UploadModel.deleteOne({ _id: upload._id });
  await holdFile(document, version, outcome);
  throwIfInfected(outcome, String(document._id));
  return document;
}

/**
 * Appends `body` at `offset` (tus PATCH); when the upload is then complete it is settled. Returns the
 * new offset, and the document once settled.
 */
export async function appendUpload(
  actor: Actor,
  settings: UploadSettings,
  id: string,
  offset: number,
  body: Readable,
): Promise<{ offset: number; documentId: string; complete: boolean }> {
  const upload = await ownUpload(actor, id);
  const reached = await appendToFile('uploads', upload.fileKey, offset, body, upload.length);
  if (reached < upload.length)
    return { offset: reached, documentId: String(upload.documentId), complete: false };
  await finishUpload(actor, settings, upload);
  return { offset: reached, documentId: String(upload.documentId), complete: true };
}

/** Removes the unfinished uploads whose time is up; returns how many (run hourly by ops/uploadExpiryJob.ts). */
export async function expireUploads(now = new Date()): Promise<number> {
  const expired = (await UploadModel.find({ expiresAt: { $lt: now } }).lean()) as UploadDoc[];
  for (const upload of expired) await discard(upload);
  return expired.length;
}
