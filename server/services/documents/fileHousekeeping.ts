/**
 * The file store's housekeeping: unfinished resumable uploads whose time is up are removed with what
 * they made, infected files are purged from the isolated store after INFECTED_RETENTION_DAYS (their
 * version keeps its record, audited), clean files are scanned again as rescanFiles.ts says, and a
 * deleted document's files are removed. Retention by label (expireDocuments.ts) runs here too: it
 * deletes documents, whose files then go the same way.
 */
import { auditOutboxItem, auditOutboxPush, flushAuditOutbox } from '../../audit/auditOutbox.js';
import { subscribe } from '../../events/domainEvents.js';
import { removeFile, type FileBucket } from '../../files/fileStore.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { expireDocuments } from './expireDocuments.js';
import { VIRUS_SCANNER } from './holdFile.js';
import { rescanFiles, type RescanReport } from './rescanFiles.js';
import { expireUploads } from './resumableUploads.js';
import type { UploadSettings } from './uploadSettings.js';

/** Purges the bytes of infected files held since before `cutoff`; returns how many. */
export async function purgeInfected(cutoff: Date): Promise<number> {
  const due = (await DocumentVersionModel.find({
    status: 'infected',
    purgedAt: null,
    updatedAt: { $lt: cutoff },
  }).lean()) as DocumentVersionDoc[];
  for (const version of due) {
    await removeFile(version.bucket as FileBucket, version.fileKey);
    // The version keeps its record: it carries the entry with the purge (server/audit/auditOutbox.ts).
    await DocumentVersionModel.updateOne(
      { _id: version._id },
      {
        $set: { purgedAt: new Date() },
        ...auditOutboxPush(
          auditOutboxItem(
            VIRUS_SCANNER,
            'document.infected_purged',
            {
              type: 'Document',
              id: String(version.documentId),
            },
            { version: version.n },
          ),
        ),
      },
    );
    await flushAuditOutbox(DocumentVersionModel as never, version._id);
  }
  return due.length;
}

/** Removes every stored file of a deleted document (its versions keep their records). */
export async function removeDocumentFiles(documentId: string): Promise<void> {
  const versions = (await DocumentVersionModel.find({ documentId }).lean()) as DocumentVersionDoc[];
  for (const version of versions) {
    await removeFile(version.bucket as FileBucket, version.fileKey);
    for (const key of version.previewKeys ?? []) await removeFile('uploads', key);
  }
}

/**
 * One housekeeping run at `now`. A scanner that cannot be reached skips the rescan (`rescan` is null:
 * the next run tries again) without stopping the rest.
 */
export async function runFileHousekeeping(settings: UploadSettings, now = new Date()) {
  const expiredUploads = await expireUploads(now);
  const purged = await purgeInfected(new Date(now.getTime() - settings.infectedRetentionDays * 86_400_000));
  const retention = await expireDocuments(settings, now);
  let rescan: RescanReport | null = null;
  let rescanError: unknown = null;
  try {
    rescan = await rescanFiles(settings, now);
  } catch (error) {
    rescanError = error;
  }
  return { expiredUploads, purged, retention, rescan, rescanError };
}

/** Removes a document's files once it is deleted (a moderator's deletion, the author's, retention). */
export function startDocumentFileRemoval(): () => void {
  return subscribe(
    'document',
    'deleted document files',
    (event) => (event.type === 'deleted' ? removeDocumentFiles(String(event.after._id)) : undefined),
    { mode: 'background' },
  );
}
