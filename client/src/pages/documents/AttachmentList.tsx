/**
 * The files a post or message carries, under its text: each names its title and file, its label, its
 * size, and where it stands when it is not available yet; the title opens the document's page (its
 * versions, its label's meaning, its access log) and "Download" gives the file. The server lists only
 * the files this reader may open.
 */
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../../shared/schemas/attachments.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { regionalLocale } from '../../format.js';
import { Link } from '../../router.js';
import './attachments.css';
import { downloadUrl } from './documentsApi.js';
import { formatBytes } from './uploadHelpers.js';

/** The attached files of one item (nothing when it carries none). */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentView[] | undefined }) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  if (!attachments || attachments.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label={t('documents.attachments.listLabel')}>
      {attachments.map((file) => (
        <li key={file.id} className="attachment-list__item">
          <Link to={`/documents/${file.id}`} className="attachment-list__title">
            <bdi>{file.title}</bdi>
          </Link>{' '}
          <LabelBadge label={file.label} />
          {file.fileName && (
            <span className="attachment-list__meta">
              {' '}
              <bdi>{file.fileName}</bdi>
              {file.size !== null && <> · {formatBytes(file.size, locale)}</>}
            </span>
          )}
          {file.status === 'clean' ? (
            <>
              {' '}
              <a className="attachment-list__download" href={downloadUrl(file.id)} download>
                {t('documents.attachments.download')}
                <span className="visually-hidden"> {file.title}</span>
              </a>
            </>
          ) : (
            <span className={`document-status document-status--${file.status}`}>
              {' '}
              {t(`documents.status.${file.status}`)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
