/**
 * The reckoning of retention by label, shared by the hourly sweep (expireDocuments.ts) and the
 * document's presentation (presentDocument.ts), so the page says what the sweep will do. A label's
 * period (RETENTION_DAYS_<LABEL>) runs from the document's newest version: a new version restarts it,
 * a relabel changes it. Once it has ended the document is expiring: it is deleted RETENTION_GRACE_DAYS
 * after the later of the period's end and the notice to its author and moderators, so a period set
 * for the first time over old documents still gives people the whole grace period. A moderator's hold,
 * a quarantine (or any state but visible) keeps a document out of it.
 */
import type { Label } from '../../../shared/policy/labels.js';
import type { UploadSettings } from './uploadSettings.js';

/** The retention settings (server/config.ts `uploads`). */
export type RetentionSettings = Pick<UploadSettings, 'labelRetentionDays' | 'retentionGraceDays'>;

const DAY = 86_400_000;

/** Where one document stands: when its period ends (null: kept for ever), when it is deleted (null: not expiring). */
export interface RetentionReckoning {
  expiresAt: Date | null;
  purgeAt: Date | null;
}

/** What the reckoning reads of a stored document. */
export interface RetentionSubject {
  label: string;
  state: string;
  retention?: { noticeAt?: Date | null; held?: unknown } | null;
}

/** The settings the presentation uses: set once at start (app.ts), as setScanning is; none until then. */
let presented: RetentionSettings = { labelRetentionDays: {}, retentionGraceDays: 14 };

/** Records the retention settings for every document answer. */
export function setRetentionSettings(settings: RetentionSettings): void {
  presented = {
    labelRetentionDays: settings.labelRetentionDays,
    retentionGraceDays: settings.retentionGraceDays,
  };
}

/** The retention settings the presentation uses. */
export function retentionSettings(): RetentionSettings {
  return presented;
}

/** When the period of `label` ends for a document whose newest version was stored at `newest`; null: no period. */
export function retentionEnds(settings: RetentionSettings, label: string, newest: Date): Date | null {
  const days = settings.labelRetentionDays[label as Label];
  return days ? new Date(newest.getTime() + days * DAY) : null;
}

/** The newest of the versions' storing dates, or `fallback` (the document's own) when there is none later. */
export function newestStoredAt(versions: { createdAt: Date }[], fallback: Date): Date {
  let newest = fallback;
  for (const version of versions) if (version.createdAt > newest) newest = version.createdAt;
  return newest;
}

/** Where `document`, whose newest version was stored at `newest`, stands at `now` (see the file comment). */
export function reckonRetention(
  settings: RetentionSettings,
  document: RetentionSubject,
  newest: Date,
  now: Date,
): RetentionReckoning {
  const expiresAt = retentionEnds(settings, document.label, newest);
  if (!expiresAt || expiresAt > now || document.state !== 'visible' || document.retention?.held)
    return { expiresAt, purgeAt: null };
  const noticeAt = document.retention?.noticeAt ?? now;
  const from = Math.max(expiresAt.getTime(), noticeAt.getTime());
  return { expiresAt, purgeAt: new Date(from + settings.retentionGraceDays * DAY) };
}
