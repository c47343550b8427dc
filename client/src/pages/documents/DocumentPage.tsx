/**
 * /documents/:id: one document: title, label with its meaning, space, description, tags, status,
 * "access is recorded" when it is (AMBER+STRICT and RED), the download of the latest clean version,
 * the versions (newest first, each clean one downloadable), "Upload a new version" when the reader may,
 * and the originator's access log. The server answers 404 for a document the reader may not read, so
 * the page says only "not found or not available to you". Read again while a file is being checked.
 */
import { useTranslation } from 'react-i18next';
import { LabelBadge, useLabelMeaning } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { formatDate, regionalLocale } from '../../format.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { fetchSpace, spaceKeys } from '../spaces/spacesApi.js';
import { AccessLogSection } from './AccessLogSection.js';
import {
  downloadUrl,
  useDocument,
  useUploadSettings,
  versionDownloadUrl,
  type DocumentView,
  type VersionView,
} from './documentsApi.js';
import { useLanguageName } from './NewDocumentForm.js';
import { NewVersionForm } from './NewVersionForm.js';
import { ReleaseVersionForm } from './ReleaseVersionForm.js';
import { RetentionSection } from './RetentionSection.js';
import { PreviewSection } from './PreviewSection.js';
import { ShareDocumentSection } from './ShareDocumentSection.js';
import { formatBytes, formatDateTime, reasonKey } from './uploadHelpers.js';

/** A version's status, with its reason when refused. */
function VersionStatus({ version }: { version: VersionView }) {
  const { t } = useTranslation();
  return (
    <span className={`document-status document-status--${version.status}`}>
      {t(`documents.status.${version.status}`)}
      {version.status === 'refused' && <> ({t(reasonKey(version.reason))})</>}
    </span>
  );
}

/** One version of the list. */
function VersionItem({ document, version }: { document: DocumentView; version: VersionView }) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  const downloadable = document.abilities.download && version.status === 'clean';
  return (
    <li className="version-item">
      <h3 className="version-item__title">
        {t('documents.versions.number', { n: version.n })}{' '}
        <bdi className="version-item__file">{version.fileName}</bdi>
      </h3>
      <p className="document-item__meta">
        <LabelBadge label={version.label} />
        <VersionStatus version={version} />
        <span>{formatBytes(version.size, locale)}</span>
        <time dateTime={version.createdAt}>{formatDateTime(version.createdAt, locale)}</time>
        {version.author && (
          <span>
            {t('documents.list.by')} <bdi>{version.author.name ?? t('documents.formerMember')}</bdi>
          </span>
        )}
      </p>
      {version.legacyOffice && <p className="hint">{t('documents.versions.legacyOffice')}</p>}
      {version.note && (
        <p className="version-item__note" dir="auto">
          {version.note}
        </p>
      )}
      {downloadable && (
        <p>
          <a className="button button--secondary" href={versionDownloadUrl(document.id, version.n)} download>
            {t('documents.versions.download', { n: version.n })}
            <span className="visually-hidden"> {version.fileName}</span>
          </a>
        </p>
      )}
      {version.status === 'unscannable' && <p className="hint">{t('documents.release.unscannableHint')}</p>}
      {version.status === 'unscannable' && document.abilities.release && (
        <ReleaseVersionForm document={document} version={version} />
      )}
    </li>
  );
}

/** The page of document `id`, for the signed-in `person`. */
export function DocumentPage({ id, person }: { id: string; person: string }) {
  const { t } = useTranslation();
  const document = useDocument(id);
  const unavailable = document.state === 'error' && [403, 404].includes(document.error.status);
  usePageTitle(
    document.state === 'ready'
      ? document.data.title
      : unavailable
        ? t('documents.page.unavailable')
        : t('documents.page.loadingTitle'),
  );
  if (unavailable)
    return (
      <section className="documents-page">
        <h1>{t('documents.page.unavailable')}</h1>
        <p className="notice notice--error" role="alert">
          {t('documents.page.unavailableText')}
        </p>
      </section>
    );
  if (document.state === 'loading') return <StatusMessage>{t('documents.loading')}</StatusMessage>;
  if (document.state === 'error') return <LoadError error={document.error} onRetry={document.retry} />;
  return <DocumentDetails document={document.data} person={person} />;
}

function DocumentDetails({ document, person }: { document: DocumentView; person: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const labelMeaning = useLabelMeaning();
  const languageName = useLanguageName();
  const settings = useUploadSettings();
  const space = useApiQuery(
    spaceKeys.space(document.space.slug),
    (signal) => fetchSpace(document.space.slug, signal),
    {
      enabled: document.abilities.addVersion,
    },
  );
  const latestClean = document.versions.find((version) => version.status === 'clean');
  const latest = document.versions[0];
  return (
    <article className="documents-page document-page" aria-labelledby="document-title">
      <p className="breadcrumb">
        <Link to={`/spaces/${document.space.slug}/documents`}>
          {t('documents.page.back', { space: document.space.name })}
        </Link>
      </p>
      <h1 id="document-title" dir="auto">
        {document.title}
      </h1>
      <p className="document-page__label">
        <LabelBadge label={document.label} />
        {/* Read out by the badge already; shown here for everyone who sees. */}
        <span className="document-page__meaning" aria-hidden="true">
          {labelMeaning(document.label)}
        </span>
      </p>
      {document.state === 'quarantined' && (
        <p className="notice notice--error">{t('documents.page.quarantined')}</p>
      )}
      {document.accessRecorded && (
        <p className="notice documents-notice">{t('documents.page.accessRecorded')}</p>
      )}
      {!document.scanned && <p className="notice documents-notice">{t('documents.notScanned')}</p>}
      <dl className="document-facts">
        <dt>{t('documents.page.space')}</dt>
        <dd>
          <Link to={`/spaces/${document.space.slug}`}>
            <bdi>{document.space.name}</bdi>
          </Link>
        </dd>
        <dt>{t('documents.page.status')}</dt>
        <dd>
          {latest ? (
            <VersionStatus version={latest} />
          ) : (
            <span className={`document-status document-status--${document.status}`}>
              {t(`documents.status.${document.status}`)}
            </span>
          )}
        </dd>
        {document.author && (
          <>
            <dt>{t('documents.page.author')}</dt>
            <dd>
              <bdi>{document.author.name ?? t('documents.formerMember')}</bdi>
            </dd>
          </>
        )}
        {document.language && (
          <>
            <dt>{t('documents.page.language')}</dt>
            <dd>{languageName(document.language)}</dd>
          </>
        )}
        {document.tags.length > 0 && (
          <>
            <dt>{t('documents.page.tags')}</dt>
            <dd>
              <ul className="document-tags">
                {document.tags.map((tag) => (
                  <li key={tag} dir="auto">
                    {tag}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('documents.page.created')}</dt>
        <dd>
          <time dateTime={document.createdAt}>{formatDate(document.createdAt, language)}</time>
        </dd>
        {document.updatedAt !== document.createdAt && (
          <>
            <dt>{t('documents.page.updated')}</dt>
            <dd>
              <time dateTime={document.updatedAt}>{formatDate(document.updatedAt, language)}</time>
            </dd>
          </>
        )}
      </dl>
      {document.description && (
        <div className="document-page__description" dir="auto">
          {document.description}
        </div>
      )}
      {document.abilities.download && latestClean && (
        <p>
          <a className="button document-page__download" href={downloadUrl(document.id)} download>
            {t('documents.page.download')}
            <span className="visually-hidden"> {latestClean.fileName}</span>
          </a>{' '}
          <span className="hint">
            {t('documents.page.downloadHint', {
              n: latestClean.n,
              size: formatBytes(latestClean.size, regionalLocale(language)),
            })}
          </span>
        </p>
      )}

      <section className="documents-section" aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t('documents.versions.heading')}</h2>
        {document.versions.length === 0 ? (
          <p>{t('documents.versions.none')}</p>
        ) : (
          <ol className="version-list" reversed>
            {document.versions.map((version) => (
              <VersionItem key={version.n} document={document} version={version} />
            ))}
          </ol>
        )}
      </section>

      {document.abilities.addVersion && settings.state === 'ready' && (
        <NewVersionForm
          document={document}
          settings={settings.data}
          person={person}
          ceiling={space.state === 'ready' ? space.data.ceiling : undefined}
        />
      )}
      {document.abilities.addVersion && settings.state === 'error' && (
        <LoadError error={settings.error} onRetry={settings.retry} />
      )}
      <PreviewSection document={document} />
      <ShareDocumentSection document={document} />
      <RetentionSection document={document} />
      {document.abilities.readAccessLog && <AccessLogSection document={document} />}
    </article>
  );
}
