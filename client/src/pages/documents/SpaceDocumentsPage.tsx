/**
 * /spaces/:slug/documents: a space's documents, newest first, 25 at a time with "Load more" (title
 * linking to the document's page, label, status, size, date, and who uploaded it unless the Chatham
 * House Rule hides them), then "Upload a document". Says so plainly when the server does not scan
 * files for viruses.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { refusalString } from '../../errors/refusal.js';
import { formatDate, regionalLocale } from '../../format.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { fetchSpace, spaceKeys } from '../spaces/spacesApi.js';
import { documentErrorRefusal } from './documentRefusal.js';
import { useSpaceDocuments, useUploadSettings, type DocumentView } from './documentsApi.js';
import { NewDocumentForm } from './NewDocumentForm.js';
import { formatBytes } from './uploadHelpers.js';

/** Stands for the space's name in the translated heading, which is then split around it. */
const NAME_MARK = '\u0000';

/** One document of the list. */
function DocumentItem({ document }: { document: DocumentView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const latest = document.versions[0];
  return (
    <li className="document-item">
      <h3 className="document-item__title">
        <Link to={`/documents/${document.id}`} dir="auto">
          {document.title}
        </Link>
      </h3>
      <p className="document-item__meta">
        <LabelBadge label={document.label} />
        <span className={`document-status document-status--${document.status}`}>
          {t(`documents.status.${document.status}`)}
        </span>
        {latest && <span>{formatBytes(latest.size, regionalLocale(language))}</span>}
        <time dateTime={document.createdAt}>{formatDate(document.createdAt, language)}</time>
        {document.author && (
          <span>
            {t('documents.list.by')} <bdi>{document.author.name ?? t('documents.formerMember')}</bdi>
          </span>
        )}
      </p>
    </li>
  );
}

/** The documents page of space `slug`, for the signed-in `person`. */
export function SpaceDocumentsPage({ slug, person }: { slug: string; person: string }) {
  const { t } = useTranslation();
  const space = useApiQuery(spaceKeys.space(slug), (signal) => fetchSpace(slug, signal));
  const settings = useUploadSettings();
  const list = useSpaceDocuments(slug);
  const [said, setSaid] = useState('');
  const name = space.state === 'ready' ? space.data.name : '';
  usePageTitle(name ? t('documents.list.title', { space: name }) : t('documents.list.heading'));

  if (space.state === 'loading') return <StatusMessage>{t('documents.loading')}</StatusMessage>;
  if (space.state === 'error') return <LoadError error={space.error} onRetry={space.retry} />;

  // The heading isolates the space's name in a <bdi> of its own, wherever the language puts it.
  const [before = '', after = ''] = t('documents.list.title', { space: NAME_MARK }).split(NAME_MARK);
  const more = () => {
    list.loadMore().then(
      (count) => setSaid(t('documents.list.added', { count })),
      (error: unknown) => setSaid(refusalString(documentErrorRefusal(error, t))),
    );
  };

  return (
    <section className="documents-page" aria-labelledby="documents-heading">
      <p className="breadcrumb">
        <Link to={`/spaces/${slug}`}>
          <bdi>{space.data.name}</bdi>
        </Link>
      </p>
      <h1 id="documents-heading">
        {before}
        <bdi>{space.data.name}</bdi>
        {after}
      </h1>
      {settings.state === 'ready' && !settings.data.scanned && (
        <p className="notice documents-notice">{t('documents.notScanned')}</p>
      )}
      {space.data.chathamHouse && <p className="notice documents-notice">{t('documents.chathamHouse')}</p>}

      <section className="documents-section" aria-labelledby="documents-list-heading">
        <h2 id="documents-list-heading">{t('documents.list.listHeading')}</h2>
        {list.state === 'loading' && <StatusMessage>{t('documents.loading')}</StatusMessage>}
        {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
        {list.state === 'ready' &&
          (list.data.length === 0 ? (
            <p>{t('documents.list.none')}</p>
          ) : (
            <ul className="document-list">
              {list.data.map((document) => (
                <DocumentItem key={document.id} document={document} />
              ))}
            </ul>
          ))}
        {list.state === 'ready' && list.hasMore && (
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={list.loadingMore}
              onClick={more}
            >
              {list.loadingMore ? t('documents.loading') : t('documents.list.more')}
            </button>
          </p>
        )}
        <StatusMessage>{said}</StatusMessage>
      </section>

      {settings.state === 'loading' && <StatusMessage>{t('documents.loading')}</StatusMessage>}
      {settings.state === 'error' && <LoadError error={settings.error} onRetry={settings.retry} />}
      {settings.state === 'ready' && (
        <NewDocumentForm space={space.data} settings={settings.data} person={person} />
      )}
    </section>
  );
}
