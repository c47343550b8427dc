/**
 * Where an upload stands, for both upload forms: a labelled `<progress>` bar with the percentage and
 * the bytes, "Pause"/"Resume" (one button, so focus stays on it) and "Cancel"; a notice while the link
 * is down and the upload reconnects by itself; then the outcome (ready, refused with its reason, held
 * for moderators, waiting for a moderator), which takes focus. Screen readers hear milestones (every
 * 10 %), pauses and reconnections through one polite live region, never every byte.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { regionalLocale } from '../../format.js';
import { Link } from '../../router.js';
import { documentRefusal } from './documentRefusal.js';
import type { DocumentView } from './documentsApi.js';
import { formatBytes, formatPercent, percentOf, reasonKey } from './uploadHelpers.js';
import type { TusUpload } from './useTusUpload.js';

/** Props of {@link UploadProgress}. */
export interface UploadProgressProps {
  upload: TusUpload;
  /** Prefix of the element ids (two forms may share a page). */
  idPrefix: string;
  maxBytes: number;
  /** Whether files are scanned for viruses on this server. */
  scanned: boolean;
  /** Link the outcome to the document's page (a new document). */
  linkToDocument?: boolean;
}

/** The outcome sentence of a finished upload, from the newest version's status. */
function useOutcome(document: DocumentView | null, scanned: boolean): { text: string; good: boolean } {
  const { t } = useTranslation();
  if (!document) return { text: t('documents.outcome.received'), good: true };
  const version = document.versions[0];
  const status = version?.status ?? document.status;
  const title = document.title;
  switch (status) {
    case 'clean':
      return {
        text: t(scanned ? 'documents.outcome.clean' : 'documents.outcome.cleanNotScanned', { title }),
        good: true,
      };
    case 'refused':
      return {
        text: t('documents.outcome.refused', { title, reason: t(reasonKey(version?.reason ?? null)) }),
        good: false,
      };
    case 'infected':
      return { text: t('documents.outcome.infected', { title }), good: false };
    case 'unscannable':
      return { text: t('documents.outcome.unscannable', { title }), good: false };
    default:
      return { text: t('documents.outcome.received'), good: true };
  }
}

/** The outcome of a finished upload: focused when it appears, so keyboard users land on it. */
function Outcome({
  document,
  scanned,
  linkToDocument,
}: {
  document: DocumentView | null;
  scanned: boolean;
  linkToDocument: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const outcome = useOutcome(document, scanned);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className={`notice upload-outcome ${outcome.good ? 'notice--success' : 'notice--error'}`}
      data-outcome={document?.versions[0]?.status ?? 'received'}
    >
      <p>{outcome.text}</p>
      {linkToDocument && document && (
        <p>
          <Link to={`/documents/${document.id}`}>
            {t('documents.outcome.open', { title: document.title })}
          </Link>
        </p>
      )}
    </div>
  );
}

/** A cancelled upload, said where the bar was (and focused, as the bar and its buttons are gone). */
function Cancelled({ fileName }: { fileName: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p ref={ref} tabIndex={-1} className="notice upload-outcome">
      {t('documents.upload.cancelled', { file: fileName })}
    </p>
  );
}

/** Shows the upload's progress, its controls and its outcome. */
export function UploadProgress({
  upload,
  idPrefix,
  maxBytes,
  scanned,
  linkToDocument = false,
}: UploadProgressProps) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  const { phase } = upload;
  // One alert per failure (FormAlert takes focus each time a new one arrives).
  const alert = useMemo(
    () =>
      phase.kind === 'failed' ? alertMessage(documentRefusal(phase.source, t, { maxBytes, locale })) : null,
    [phase, t, maxBytes, locale],
  );

  // The live region stays where it is whatever the phase, so screen readers keep listening to it.
  return (
    <>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {upload.announcement}
      </div>
      <UploadState
        upload={upload}
        idPrefix={idPrefix}
        alert={alert}
        scanned={scanned}
        linkToDocument={linkToDocument}
        locale={locale}
      />
    </>
  );
}

/** What the phase shows: nothing, the bar and its controls, a refusal, or the outcome. */
function UploadState({
  upload,
  idPrefix,
  alert,
  scanned,
  linkToDocument,
  locale,
}: {
  upload: TusUpload;
  idPrefix: string;
  alert: AlertMessage | null;
  scanned: boolean;
  linkToDocument: boolean;
  locale: string;
}) {
  const { t } = useTranslation();
  const { phase } = upload;
  if (phase.kind === 'idle') return null;
  if (phase.kind === 'finished')
    return <Outcome document={phase.document} scanned={scanned} linkToDocument={linkToDocument} />;
  if (phase.kind === 'cancelled') return <Cancelled fileName={phase.fileName} />;
  if (phase.kind === 'cancelling')
    return <p className="upload-progress__state">{t('documents.upload.cancelling')}</p>;
  // A refusal (a label above the ceiling, a file too large...): the form stays to correct it.
  if (phase.kind === 'failed' && !phase.resumable)
    return <FormAlert message={alert} id={`${idPrefix}-alert`} />;

  const total = phase.total;
  const sent = phase.kind === 'checking' ? total : phase.sent;
  const percent = percentOf(sent, total);
  const progressId = `${idPrefix}-progress`;
  const running = phase.kind === 'uploading' || phase.kind === 'reconnecting';
  const stopped = phase.kind === 'paused' || (phase.kind === 'failed' && phase.resumable);
  return (
    <div className="upload-progress" data-phase={phase.kind}>
      {phase.kind === 'failed' && <FormAlert message={alert} id={`${idPrefix}-alert`} />}
      <label htmlFor={progressId}>
        {t('documents.upload.progressLabel')} <bdi>{phase.fileName}</bdi>
      </label>
      <progress id={progressId} max={Math.max(total, 1)} value={Math.min(sent, total)}>
        {formatPercent(percent, locale)}
      </progress>
      <p className="upload-progress__figures">
        {t('documents.upload.figures', {
          percent: formatPercent(percent, locale),
          sent: formatBytes(sent, locale),
          total: formatBytes(total, locale),
        })}
      </p>
      {phase.kind === 'reconnecting' && (
        <p className="upload-progress__state upload-progress__state--offline">
          {t('documents.upload.reconnecting')}
        </p>
      )}
      {phase.kind === 'paused' && <p className="upload-progress__state">{t('documents.upload.paused')}</p>}
      {phase.kind === 'checking' && (
        <p className="upload-progress__state">
          {t(scanned ? 'documents.upload.checking' : 'documents.upload.checkingNotScanned')}
        </p>
      )}
      {(running || stopped) && (
        <div className="upload-progress__actions">
          <button type="button" className="button button--secondary" onClick={upload.pauseOrResume}>
            {stopped
              ? t(phase.kind === 'failed' ? 'documents.upload.tryAgain' : 'documents.upload.resume')
              : t('documents.upload.pause')}
          </button>
          <button type="button" className="button button--secondary" onClick={() => void upload.cancel()}>
            {t('documents.upload.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
