/**
 * /library: browse and search the good-practice library. Filters (theme, region, language, status and
 * search words) apply with a button; results are cards, a page at a time with a "more" button. Members
 * also get the review view (?view=review: drafts and records awaiting approvals) and "Write a record";
 * signed-out visitors get the public list (CLEAR, published), light and text-first.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterForm } from '../../components/FilterForm.js';
import { FilterSelect } from '../../components/FilterSelect.js';
import { LoadError } from '../../components/LoadError.js';
import { PagedList } from '../../components/PagedList.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { useHubOptions } from '../../hooks/useHubOptions.js';
import { useMorePages } from '../../hooks/useMorePages.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { fetchRecords, libraryKeys, type LibraryFilters } from './libraryApi.js';
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
      <Filters isPublic={isPublic} review={review} onApply={setFilters} />
      <Results key={JSON.stringify(shown)} filters={shown} isPublic={isPublic} />
    </section>
  );
}

function Filters({
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
  const hubOptions = useHubOptions();
  const [theme, setTheme] = useState('');
  const [region, setRegion] = useState('');
  const [language, setLanguage] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const apply = () =>
    onApply({
      ...(theme ? { theme } : {}),
      ...(region ? { region } : {}),
      ...(language ? { language } : {}),
      ...(status && !isPublic && !review ? { status } : {}),
      ...(q.trim() ? { q: q.trim() } : {}),
    });
  /** What every select of the form shares. */
  const shared = { className: 'library-filter', anyLabel: t('library.filters.any') };
  return (
    <FilterForm
      className="library-filters"
      legend={t('library.filters.legend')}
      applyLabel={t('library.filters.apply')}
      onApply={apply}
    >
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
      <FilterSelect
        {...shared}
        id="library-filter-theme"
        label={t('library.filters.theme')}
        value={theme}
        onChange={setTheme}
        options={LIBRARY_THEMES.map((v) => ({ value: v, label: t(`library.themes.${v}`) }))}
      />
      <FilterSelect
        {...shared}
        id="library-filter-region"
        label={t('library.filters.region')}
        value={region}
        onChange={setRegion}
        options={hubOptions ?? []}
      />
      <FilterSelect
        {...shared}
        id="library-filter-language"
        label={t('library.filters.language')}
        value={language}
        onChange={setLanguage}
        options={LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c, reader) }))}
      />
      {!isPublic && !review && (
        <FilterSelect
          {...shared}
          id="library-filter-status"
          label={t('library.filters.status')}
          value={status}
          onChange={setStatus}
          options={STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) }))}
        />
      )}
    </FilterForm>
  );
}

function Results({ filters, isPublic }: { filters: LibraryFilters; isPublic: boolean }) {
  const { t } = useTranslation();
  const first = useApiQuery(libraryKeys.list(filters, isPublic), (signal) =>
    fetchRecords(filters, null, isPublic, signal),
  );
  const { after, loadingMore, loadMore } = useMorePages((cursor) =>
    fetchRecords(filters, cursor, isPublic, new AbortController().signal),
  );
  if (first.state === 'loading') return <StatusMessage>{t('library.loading')}</StatusMessage>;
  if (first.state === 'error') return <LoadError error={first.error} onRetry={first.retry} />;
  const { items, next } = after(first.data);
  return (
    <PagedList
      items={items}
      found={t('library.found', { count: items.length })}
      none={t('library.none')}
      className="library-list"
      keyOf={(record) => record.id}
      render={(record) => <RecordCard record={record} isPublic={isPublic} />}
      hasMore={Boolean(next)}
      loadingMore={loadingMore}
      moreLabel={t('library.more')}
      onMore={() => void loadMore(next)}
    />
  );
}
