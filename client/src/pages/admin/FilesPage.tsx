/**
 * Files and virus scanning (admins): whether files are scanned at all, whether the scanner answers and
 * with which signatures, the limits, and how many files are clean, held as infected, waiting for a
 * moderator's decision, never scanned or due for the periodic rescan; and the retention period of
 * each label with the grace period (RetentionCard).
 */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { FileScannerStatus } from '../../../../shared/schemas/documents.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { formatBytes } from '../documents/uploadHelpers.js';

type Status = z.infer<typeof FileScannerStatus>;

/** The scanner's state in one sentence, as a notice the reader cannot miss when files are at risk. */
function ScannerNotice({ status }: { status: Status }) {
  const { t } = useTranslation();
  if (!status.scanner)
    return (
      <p className="notice notice--error">
        <strong>{t('admin.files.notScanned')}</strong> {t('admin.files.notScannedHow')}
      </p>
    );
  if (!status.scanner.reachable)
    return (
      <p className="notice notice--error">
        <strong>{t('admin.files.unreachable')}</strong> {t('admin.files.unreachableWhat')}
      </p>
    );
  return (
    <p className="notice notice--success">{t('admin.files.scanning', { version: status.scanner.version })}</p>
  );
}

/** Each label's retention period (days kept after the newest version, or for ever) and the grace period. */
function RetentionCard({
  retention,
  number,
}: {
  retention: Status['retention'];
  number: (n: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <article className="admin-card" aria-labelledby="files-retention">
      <h2 id="files-retention">{t('admin.retention.heading')}</h2>
      <p className="hint">{t('admin.retention.intro')}</p>
      <p>{t('admin.retention.days')}</p>
      <dl className="admin-facts">
        {retention.labels.map(({ label, days }) => (
          <Fragment key={label}>
            <dt>
              <LabelBadge label={label} />
            </dt>
            <dd>{days === null ? t('admin.retention.forever') : number(days)}</dd>
          </Fragment>
        ))}
        <dt>{t('admin.retention.grace')}</dt>
        <dd>{number(retention.graceDays)}</dd>
      </dl>
    </article>
  );
}

/** The section. */
export function FilesPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('admin.files.title'));
  const read = useApiGet<Status>('/uploads/scanner');
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const bytes = (n: number) => formatBytes(n, i18n.language);
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.files.title')}</h1>
      <StatusMessage>{read.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {read.state === 'error' && <LoadError error={read.error} onRetry={read.retry} />}
      {read.state === 'ready' && (
        <>
          <ScannerNotice status={read.data} />
          <article className="admin-card" aria-labelledby="files-limits">
            <h2 id="files-limits">{t('admin.files.limits')}</h2>
            <dl className="admin-facts">
              <dt>{t('admin.files.maxBytes')}</dt>
              <dd>{bytes(read.data.maxBytes)}</dd>
              <dt>{t('admin.files.scannerMaxBytes')}</dt>
              <dd>{bytes(read.data.scannerMaxBytes)}</dd>
              <dt>{t('admin.files.chunkBytes')}</dt>
              <dd>{bytes(read.data.chunkBytes)}</dd>
              <dt>{t('admin.files.infectedRetention')}</dt>
              <dd>{number(read.data.infectedRetentionDays)}</dd>
              <dt>{t('admin.files.rescanAfter')}</dt>
              <dd>{number(read.data.rescanAfterDays)}</dd>
            </dl>
          </article>
          <RetentionCard retention={read.data.retention} number={number} />
          <article className="admin-card" aria-labelledby="files-counts">
            <h2 id="files-counts">{t('admin.files.counts')}</h2>
            <dl className="admin-facts">
              <dt>{t('admin.files.clean')}</dt>
              <dd>{number(read.data.files.clean)}</dd>
              <dt>{t('admin.files.unscanned')}</dt>
              <dd>{number(read.data.files.unscanned)}</dd>
              <dt>{t('admin.files.dueForRescan')}</dt>
              <dd>
                {read.data.files.dueForRescan === null
                  ? t('admin.files.unknown')
                  : number(read.data.files.dueForRescan)}
              </dd>
              <dt>{t('admin.files.held')}</dt>
              <dd>{number(read.data.files.held)}</dd>
              <dt>{t('admin.files.awaitingDecision')}</dt>
              <dd>{number(read.data.files.awaitingDecision)}</dd>
            </dl>
            <p>
              <Link to="/moderation">{t('admin.files.toQueue')}</Link>
            </p>
          </article>
        </>
      )}
    </section>
  );
}
