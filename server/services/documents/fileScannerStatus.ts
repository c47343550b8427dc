/**
 * The virus scanner and the file store as the admins' console shows them: whether files are scanned
 * at all (CLAMD_URL), whether the scanner answers now and with which signatures, the limits, and how
 * many files are clean, held as infected, waiting for a moderator's decision, never scanned, or due
 * for the periodic rescan (rescanFiles.ts); and each label's retention period with the grace period
 * (expireDocuments.ts). Admins only.
 */
import type { Actor } from '../../../shared/policy/actor.js';
import { LABELS } from '../../../shared/policy/labels.js';
import { pingScanner } from '../../files/clamd.js';
import { DocumentVersionModel } from '../../models/DocumentVersion.js';
import { authorize } from '../../policy/authorize.js';
import { dueForRescanFilter } from './rescanFiles.js';
import type { UploadSettings } from './uploadSettings.js';

/** The scanner's VERSION, or null when it does not answer. */
async function scannerVersion(url: string): Promise<string | null> {
  try {
    return (await pingScanner(url)).version;
  } catch {
    return null;
  }
}

/** The status (see the file comment). */
export async function fileScannerStatus(actor: Actor, settings: UploadSettings, now = new Date()) {
  await authorize(actor, 'read', 'FileScanner');
  const version = settings.clamdUrl ? await scannerVersion(settings.clamdUrl) : null;
  const count = (filter: Record<string, unknown>) => DocumentVersionModel.countDocuments(filter as never);
  return {
    scanned: Boolean(settings.clamdUrl),
    scanner: settings.clamdUrl ? { reachable: version !== null, version } : null,
    maxBytes: settings.maxBytes,
    scannerMaxBytes: settings.clamdStreamMaxBytes,
    chunkBytes: settings.chunkBytes,
    infectedRetentionDays: settings.infectedRetentionDays,
    rescanAfterDays: settings.rescanAfterDays,
    retention: {
      labels: LABELS.map((label) => ({ label, days: settings.labelRetentionDays[label] ?? null })),
      graceDays: settings.retentionGraceDays,
    },
    files: {
      clean: await count({ status: 'clean' }),
      held: await count({ status: 'infected', purgedAt: null }),
      awaitingDecision: await count({ status: 'unscannable' }),
      unscanned: await count({ status: 'clean', scanned: false }),
      dueForRescan: version ? await count(dueForRescanFilter(settings, version, now)) : null,
    },
  };
}
