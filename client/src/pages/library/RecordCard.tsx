/**
 * A record in the library's list: its title (a link to its page), summary, label, status (and stage in
 * the review view), themes, and the languages it can be read in, each translation marked human or
 * machine. The text is shown in the reader's language when the record has it, else in its original.
 */
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { Link } from '../../router.js';
import type { RecordText, RecordView } from './libraryApi.js';
import { StageBadge, StatusBadge } from './RecordBadges.js';
import { languageName } from './vocabulary.js';

/** The text to show first: the reader's language when present, else the original. */
export function textFor(record: RecordView, reader: string): RecordText | undefined {
  return record.texts.find((text) => text.language === reader) ?? record.texts[0];
}

/** "French (human translation)". */
export function useTextName(): (text: RecordText) => string {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  return (text) => `${languageName(text.language, reader)} (${t(`library.origins.${text.origin}`)})`;
}

/** The card. */
export function RecordCard({ record, isPublic }: { record: RecordView; isPublic: boolean }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  const text = textFor(record, reader);
  const textName = useTextName();
  const titleId = `library-card-${record.id}`;
  return (
    <article className="library-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="library-card__title">
        <Link to={`/library/${record.id}`} lang={text?.language} dir="auto">
          {text?.title ?? record.id}
        </Link>
      </h2>
      <p className="library-card__meta">
        <LabelBadge label={record.label} /> {record.stage === 'published' && <StatusBadge record={record} />}
        {!isPublic && record.stage !== 'published' && (
          <>
            {' '}
            <StageBadge record={record} />
          </>
        )}
      </p>
      {text?.summary && (
        <p className="library-card__summary" lang={text.language} dir="auto">
          {text.summary}
        </p>
      )}
      <p className="library-card__meta">
        {t('library.card.themes')} {record.themes.map((theme) => t(`library.themes.${theme}`)).join(', ')}
      </p>
      <p className="library-card__meta">
        {t('library.card.languages')} {record.texts.map(textName).join(', ')}
      </p>
    </article>
  );
}
