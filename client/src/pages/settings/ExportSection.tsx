/**
 * The personal export: what it holds (everything I wrote, posts and room messages, at any label; of
 * others only what my notifications show), a download button, progress while it comes, and the file
 * saved as `concordia-my-data-<date>.json`.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportFileName, fetchExport, saveBlob, type DownloadProgress } from './exportDownload.js';

type ExportState =
  | { step: 'idle' }
  | { step: 'loading'; progress: DownloadProgress }
  | { step: 'done'; name: string; bytes: number }
  | { step: 'failed' };

/** Renders the export section. */
export function ExportSection() {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<ExportState>({ step: 'idle' });
  const size = (bytes: number) =>
    new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en', {
      style: 'unit',
      unit: 'kilobyte',
      maximumFractionDigits: 1,
    }).format(bytes / 1000);
  const start = () => {
    setState({ step: 'loading', progress: { received: 0, total: null } });
    fetchExport((progress) => setState({ step: 'loading', progress })).then(
      (blob) => {
        const name = exportFileName(new Date());
        saveBlob(blob, name);
        setState({ step: 'done', name, bytes: blob.size });
      },
      () => setState({ step: 'failed' }),
    );
  };
  const loading = state.step === 'loading';
  return (
    <section className="settings__section" aria-labelledby="export-heading">
      <h2 id="export-heading">{t('settings.export.heading')}</h2>
      <p>{t('settings.export.intro')}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={loading} onClick={start}>
          {loading ? t('settings.export.preparing') : t('settings.export.download')}
        </button>
      </div>
      {loading && (
        <progress
          className="export-progress"
          aria-label={t('settings.export.progressLabel')}
          {...(state.progress.total ? { max: state.progress.total, value: state.progress.received } : {})}
        />
      )}
      <p role="status" className="status">
        {loading && t('settings.export.received', { size: size(state.progress.received) })}
        {state.step === 'done' && t('settings.export.done', { name: state.name, size: size(state.bytes) })}
      </p>
      {state.step === 'failed' && (
        <p role="alert" className="notice notice--error">
          {t('settings.export.failed')}
        </p>
      )}
    </section>
  );
}
