/**
 * The periodic rescan: stored clean files are streamed to clamd again when its signature database has
 * changed since their last scan (clamd's VERSION answer names the database, `ClamAV 1.4.6/27480/...`),
 * when they were stored while no scanner was configured, and at the latest after RESCAN_AFTER_DAYS
 * (local signature files do not change VERSION). A batch per run, the oldest scan first; bytes already
 * scanned under this version recently (the same file in two documents) are not scanned twice.
 *
 * A file now found infected is held as at upload (holdFile.ts): moved to the isolated store, its
 * document quarantined by the virus scanner and queued for the moderators, who are told with the
 * uploader; the document then offers its newest version that is still clean, if any.
 */
import { UnavailableError } from '../../errors.js';
import { pingScanner, scanStream } from '../../files/clamd.js';
import { openReader } from '../../files/fileStore.js';
import { DocumentModel, type DocumentDoc } from '../../models/Document.js';
import { DocumentVersionModel, type DocumentVersionDoc } from '../../models/DocumentVersion.js';
import { loadContent } from '../../policy/contentAccess.js';
import { rememberVerdict, rememberedVerdict, type FileOutcome } from './checkFile.js';
import { holdFile } from './holdFile.js';
import { indexDocumentText } from './indexDocumentText.js';
import type { UploadSettings } from './uploadSettings.js';

/** How many files one run scans at most (an hourly run; a signature change is worked off over hours). */
export const RESCAN_BATCH = 200;

/** What one run did. */
export interface RescanReport {
  rescanned: number;
  infected: number;
  /** Files that could not be read back (their document was removed meanwhile, say). */
  failed: number;
}

/** The newest version of a document that is still clean, or null. */
async function newestCleanVersion(documentId: DocumentVersionDoc['documentId']): Promise<number | null> {
  const clean = (await DocumentVersionModel.findOne({ documentId, status: 'clean' })
    .sort({ n: -1 })
    .lean()) as DocumentVersionDoc | null;
  return clean ? clean.n : null;
}

/** Holds a version found infected on a rescan (see the file comment). */
async function holdInfected(
  version: DocumentVersionDoc,
  signature: string,
  scannerVersion: string,
  now: Date,
): Promise<void> {
  const changed = await DocumentVersionModel.updateOne(
    { _id: version._id, status: 'clean' },
    {
      $set: {
        status: 'infected',
        reason: 'malware',
        signature,
        scanned: true,
        scannerVersion,
        scannedAt: now,
      },
    },
  );
  if (changed.modifiedCount === 0) return;
  const cleanVersion = await newestCleanVersion(version.documentId);
  const document = (await loadContent(String(version.documentId), 'Document')) as DocumentDoc | null;
  if (!document) return;
  await DocumentModel.updateOne(
    { _id: document._id },
    {
      $set: {
        cleanVersion,
        ...(document.versionCount === version.n ? { status: 'infected' } : {}),
      },
    },
  );
  const outcome: FileOutcome = {
    status: 'infected',
    reason: 'malware',
    detail: null,
    kind: version.kind ?? null,
    mediaType: version.mediaType ?? null,
    legacyOffice: version.legacyOffice,
    signature,
    scanned: true,
    scannerVersion,
  };
  await holdFile(document, version, outcome);
  await indexDocumentText(document._id);
}

/** Clean files last scanned before this are due whatever the scanner's version. */
function staleBeforeOf(settings: UploadSettings, now: Date): Date {
  return new Date(now.getTime() - settings.rescanAfterDays * 86_400_000);
}

/** The stored versions due for a scan by `scannerVersion` at `now` (see the file comment). */
export function dueForRescanFilter(settings: UploadSettings, scannerVersion: string, now: Date) {
  return {
    status: 'clean',
    bucket: 'uploads',
    $or: [
      { scannedAt: null },
      { scannedAt: { $lt: staleBeforeOf(settings, now) } },
      { scannerVersion: { $ne: scannerVersion } },
    ],
  };
}

/** One run at `now` (does nothing without a scanner; throws when the configured one cannot be reached). */
export async function rescanFiles(
  settings: UploadSettings,
  now = new Date(),
  batch = RESCAN_BATCH,
): Promise<RescanReport> {
  const report: RescanReport = { rescanned: 0, infected: 0, failed: 0 };
  if (!settings.clamdUrl) return report;
  const { version: scannerVersion } = await pingScanner(settings.clamdUrl);
  const staleBefore = staleBeforeOf(settings, now);
  const due = (await DocumentVersionModel.find(dueForRescanFilter(settings, scannerVersion, now) as never)
    .sort({ scannedAt: 1, _id: 1 })
    .limit(batch)
    .lean()) as DocumentVersionDoc[];
  for (const version of due) {
    let verdict = version.sha256
      ? await rememberedVerdict(version.sha256, scannerVersion, staleBefore)
      : null;
    if (!verdict) {
      try {
        verdict = await scanStream(settings.clamdUrl, openReader('uploads', version.fileKey), {
          streamMaxBytes: settings.clamdStreamMaxBytes,
        });
      } catch (error) {
        // The scanner itself failing ends the run (the next one tries again); a missing file does not.
        if (error instanceof UnavailableError) throw error;
        report.failed += 1;
        continue;
      }
      if (version.sha256) await rememberVerdict(version.sha256, verdict, scannerVersion);
    }
    report.rescanned += 1;
    if (verdict.status === 'infected') {
      await holdInfected(version, verdict.signature, scannerVersion, now);
      report.infected += 1;
      continue;
    }
    // Clean, or too large for the scanner now (a released file stays released): checked under this version.
    await DocumentVersionModel.updateOne(
      { _id: version._id, status: 'clean' },
      {
        $set: {
          scannerVersion,
          scannedAt: now,
          ...(verdict.status === 'clean' ? { scanned: true } : {}),
        },
      },
    );
  }
  return report;
}
