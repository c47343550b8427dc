/**
 * The light preview of a document (issue #13: the first pages as images, so people on slow links need
 * not fetch the file): the preview pages of its newest clean version, small PNG images loaded only as
 * they come into view. A view of AMBER+STRICT or RED material is recorded for the originator, as the
 * page already says.
 */
import { useTranslation } from 'react-i18next';
import { previewUrl, type DocumentView } from './documentsApi.js';

/** The preview pages of `document` (nothing when it has none). */
export function PreviewSection({ document }: { document: DocumentView }) {
  const { t } = useTranslation();
  const version = document.versions.find((v) => v.status === 'clean');
  if (!version || version.previews === 0) return null;
  const pages = Array.from({ length: version.previews }, (_, i) => i + 1);
  return (
    <section className="documents-section" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('documents.preview.heading')}</h2>
      <p className="hint">{t('documents.preview.hint', { count: version.previews, n: version.n })}</p>
      <ol className="document-preview">
        {pages.map((page) => (
          <li key={page}>
            <img
              src={previewUrl(document.id, version.n, page)}
              alt={t('documents.preview.alt', { page, title: document.title })}
              loading="lazy"
              width={424}
              height={600}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
