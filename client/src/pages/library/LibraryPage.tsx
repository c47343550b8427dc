/**
 * /library: browse and search the good-practice library. Filters (theme, region, language, status and
 * search words) apply with a button; results are cards, a page at a time with a "more" button. Members
 * also get the review view (?view=review: drafts and records awaiting approvals) and "Write a record";
 * signed-out visitors get the public list (CLEAR, published), light and text-first.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { hubName } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { fetchRecords, libraryKeys, type LibraryFilters, type RecordView } from './libraryApi.js';
import { RecordCard } from './RecordCard.js';
import { LANGUAGE_CODES, LIBRARY_THEMES, languageName } from './vocabulary.js';

const STATUSES = ['shared', 'peer_reviewed'] as const;

/** The library's list for members (`isPublic` false) or visitors. */
export function LibraryPage({ isPublic }: { isPublic: boolean }) {
  const { t } = useTranslation();
  const { query } = useLocation();
  const review = !isPublic && query.get('view') === 'review';
  usePageTitle(review ? `${t('library.tabs.review')} – ${t('library.heading')}` : t('library.heading'));
  const [filters, setFilters] = useState<LibraryFilters>({});
  const shown: LibraryFilters = {
    ...filters,
    ...(isPublic ? {} : { stage: review ? 'review' : 'published' }),
  };
  return (
    <section className="library-page">
      <h1>{t('library.heading')}</h1>
      <p>{isPublic ? t('library.publicIntro') : t('library.intro')}</p>
      {!isPublic && (
        <div className="library-actions">
          <nav aria-label={t('library.tabs.label')} className="library-tabs">
            <ul>
              <li>
                <Link to="/library" aria-current={review ? undefined : 'page'}>
                  {t('library.tabs.published')}
                </Link>
              </li>
              <li>
                <Link to="/library?view=review" aria-current={review ? 'page' : undefined}>
                  {t('library.tabs.review')}
                </Link>
              </li>
            </ul>
          </nav>
          <Link to="/library/new" className="button">
            {t('library.write')}
          </Link>
        </div>
      )}
      {review && <p>{t('library.reviewIntro')}</p>}
      <FilterForm isPublic={isPublic} review={review} onApply={setFilters} />
      <Results key={JSON.stringify(shown)} filters={shown} isPublic={isPublic} />
    </section>
  );
}

function FilterForm({
  isPublic,
  review,
  onApply,
}: {
  isPublic: boolean;
  review: boolean;
  onApply: (filters: LibraryFilters) => void;
}) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const [theme, setTheme] = useState('');
  const [region, setRegion] = useState('');
  const [language, setLanguage] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      ...(theme ? { theme } : {}),
      ...(region ? { region } : {}),
      ...(language ? { language } : {}),
      ...(status && !isPublic && !review ? { status } : {}),
      ...(q.trim() ? { q: q.trim() } : {}),
    });
  };
  const select = (
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    options: { value: string; label: string }[],
  ) => (
    <div className="library-filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{t('library.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form
      className="library-filters"
      onSubmit={submit}
      role="search"
      aria-label={t('library.filters.legend')}
    >
      <fieldset>
        <legend>{t('library.filters.legend')}</legend>
        <div className="library-filter library-filter--search">
          <label htmlFor="library-filter-q">{t('library.filters.search')}</label>
          <input
            id="library-filter-q"
            type="search"
            maxLength={200}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        {select(
          'library-filter-theme',
          t('library.filters.theme'),
          theme,
          setTheme,
          LIBRARY_THEMES.map((v) => ({ value: v, label: t(`library.themes.${v}`) })),
        )}
        {select(
          'library-filter-region',
          t('library.filters.region'),
          region,
          setRegion,
          hubs.state === 'ready' ? hubs.data.map((h) => ({ value: h.slug, label: hubName(h, reader) })) : [],
        )}
        {select(
          'library-filter-language',
          t('library.filters.language'),
          language,
          setLanguage,
          LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c, reader) })),
        )}
        {!isPublic &&
          !review &&
          select(
            'library-filter-status',
            t('library.filters.status'),
            status,
            setStatus,
            STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) })),
          )}
        <button type="submit" className="button">
          {t('library.filters.apply')}
        </button>
      </fieldset>
    </form>
  );
}

function Results({ filters, isPublic }: { filters: LibraryFilters; isPublic: boolean }) {
  const { t } = useTranslation();
  const first = useApiQuery(libraryKeys.list(filters, isPublic), (signal) =>
    fetchRecords(filters, null, isPublic, signal),
  );
  const [more, setMore] = useState<RecordView[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  if (first.state === 'loading') return <StatusMessage>{t('library.loading')}</StatusMessage>;
  if (first.state === 'error') return <LoadError error={first.error} onRetry={first.retry} />;
  const items = [...first.data.items, ...more];
  const next = cursor === undefined ? first.data.nextCursor : cursor;
  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const page = await fetchRecords(filters, next, isPublic, new AbortController().signal);
      setMore((known) => [...known, ...page.items]);
      setCursor(page.nextCursor);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <>
      <StatusMessage>{t('library.found', { count: items.length })}</StatusMessage>
      {items.length === 0 ? (
        <p>{t('library.none')}</p>
      ) : (
        <ul className="library-list">
          {items.map((record) => (
            <li key={record.id}>
              <RecordCard record={record} isPublic={isPublic} />
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button
          type="button"
          className="button button--secondary"
          disabled={loadingMore}
          onClick={() => void loadMore()}
        >
          {t('library.more')}
        </button>
      )}
    </>
  );
}
