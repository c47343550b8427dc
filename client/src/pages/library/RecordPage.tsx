/**
 * /library/:id: one record. Its sections in the chosen language (original first; each translation
 * marked human or machine), its label, status and themes. Members with the `review` part also see the
 * automatic checks' findings, the approvals given and missing, the principle-3 checklist with Submit and
 * Approve, the draft's edit form, "Add a translation" and "Mark as peer-reviewed", each shown only when
 * `review.abilities` allows it. Visitors get the public text only (never the review, never the source).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { formatDate, hubName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { fetchRecord, libraryKeys, type RecordView } from './libraryApi.js';
import { StageBadge, StatusBadge } from './RecordBadges.js';
import { textFor, useTextName } from './RecordCard.js';
import { ReviewPanel } from './ReviewPanel.js';
import { SECTIONS } from './vocabulary.js';

/** The page: the record loaded, then shown. */
export function RecordPage({ id, isPublic }: { id: string; isPublic: boolean }) {
  const { t } = useTranslation();
  const record = useApiQuery(libraryKeys.one(id, isPublic), (signal) => fetchRecord(id, isPublic, signal));
  if (record.state === 'ready') return <RecordShown record={record.data} isPublic={isPublic} />;
  return (
    <section className="library-page">
      <Title text={t('library.heading')} />
      {record.state === 'loading' && <StatusMessage>{t('library.loading')}</StatusMessage>}
      {record.state === 'error' &&
        (record.error.status === 404 ? (
          <p>{t('library.record.notFound')}</p>
        ) : (
          <LoadError error={record.error} onRetry={record.retry} />
        ))}
      <p>
        <Link to="/library">{t('library.record.back')}</Link>
      </p>
    </section>
  );
}

function Title({ text }: { text: string }) {
  usePageTitle(text);
  return <h1>{text}</h1>;
}

function RecordShown({ record, isPublic }: { record: RecordView; isPublic: boolean }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  const textName = useTextName();
  const hubs = useHubs();
  const [chosen, setChosen] = useState<string | null>(null);
  const text = record.texts.find((x) => x.language === chosen) ?? textFor(record, reader);
  usePageTitle(text?.title ?? t('library.heading'));
  const regionNames = record.regions.map((slug) => {
    const hub = hubs.state === 'ready' ? hubs.data.find((h) => h.slug === slug) : undefined;
    return hub ? hubName(hub, reader) : slug;
  });
  return (
    <div className="library-page">
      <article className="library-record" aria-labelledby="library-record-title">
        <p>
          <Link to="/library">{t('library.record.back')}</Link>
        </p>
        <h1 id="library-record-title" lang={text?.language} dir="auto">
          {text?.title}
        </h1>
        <p className="library-card__meta">
          <LabelBadge label={record.label} />{' '}
          {record.stage === 'published' && <StatusBadge record={record} />}{' '}
          {!isPublic && <StageBadge record={record} />}{' '}
          {record.publishedAt ? (
            <span>{t('library.record.publishedOn', { date: formatDate(record.publishedAt, reader) })}</span>
          ) : (
            !isPublic && <span>{t('library.record.notPublished')}</span>
          )}
        </p>
        {record.texts.length > 1 && (
          <div role="group" aria-labelledby="library-read-in" className="library-languages">
            <span id="library-read-in">{t('library.record.readIn')}</span>
            {record.texts.map((x) => (
              <button
                key={x.language}
                type="button"
                className="button button--secondary"
                aria-pressed={x.language === text?.language}
                onClick={() => setChosen(x.language)}
              >
                {textName(x)}
              </button>
            ))}
          </div>
        )}
        {record.texts.length === 1 && text && <p className="library-card__meta">{textName(text)}</p>}
        {text && (
          <div lang={text.language} dir="auto" className="library-text">
            {text.summary && (
              <section aria-labelledby="library-section-summary">
                <h2 id="library-section-summary">{t('library.record.summary')}</h2>
                <Paragraphs text={text.summary} />
              </section>
            )}
            {SECTIONS.filter((section) => text[section].trim() !== '').map((section) => (
              <section key={section} aria-labelledby={`library-section-${section}`}>
                <h2 id={`library-section-${section}`}>{t(`library.record.sections.${section}`)}</h2>
                <Paragraphs text={text[section]} />
              </section>
            ))}
          </div>
        )}
        <dl className="library-facts">
          <dt>{t('library.record.themes')}</dt>
          <dd>{record.themes.map((theme) => t(`library.themes.${theme}`)).join(', ')}</dd>
          {regionNames.length > 0 && (
            <>
              <dt>{t('library.record.regions')}</dt>
              <dd>{regionNames.join(', ')}</dd>
            </>
          )}
        </dl>
      </article>
      {!isPublic && record.review && <ReviewPanel record={record} review={record.review} />}
    </div>
  );
}

/** A text split into paragraphs at blank lines, line breaks kept by the stylesheet. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((part) => part.trim() !== '')
        .map((part, index) => (
          <p key={index} className="library-paragraph">
            {part}
          </p>
        ))}
    </>
  );
}
