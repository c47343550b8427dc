/**
 * /search: one query across everything the person may read (forums, rooms, documents, expert
 * requests, the library), narrowed by content language and
 * kind, paged by cursor ("Show more results") without totals. Snippets are text with the matches marked.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryKeys } from '../../data/keys.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import type { ApiError } from '../../api.js';
import { Link, navigate, useLocation } from '../../router.js';
import { useCollabTranslation } from '../forums/collabStrings.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { Highlighted } from './Highlighted.js';
import {
  SEARCH_LANGUAGES,
  SEARCH_TYPES,
  isSearchType,
  resultPath,
  search,
  type SearchPage as SearchPageView,
  type SearchParams,
  type SearchResultView,
} from './searchApi.js';
import '../../styles/forums.css';

type Results =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; items: SearchResultView[]; nextCursor: string | null };

/** Reads the query from the address, searches, and shows the results. */
export function SearchPage() {
  const { t, ready } = useCollabTranslation();
  const { session } = useSession();
  const { query } = useLocation();
  const params: SearchParams = {
    q: query.get('q') ?? '',
    language: query.get('language') ?? '',
    types: query.get('types') ?? '',
  };
  const key = `${params.q}\n${params.language}\n${params.types}`;
  const [draft, setDraft] = useState(params);
  // The first page is a cached read (shared cache, data/); "more" appends to the cached entry.
  const queryClient = useQueryClient();
  const searchKey = queryKeys.search(params.q, params.language, params.types);
  const first = useApiQuery(searchKey, (signal) => search(params, null, signal), {
    enabled: params.q.trim() !== '',
  });
  const results: Results = !params.q.trim()
    ? { state: 'idle' }
    : first.state === 'ready'
      ? { state: 'ready', items: first.data.items, nextCursor: first.data.nextCursor }
      : first.state === 'error'
        ? { state: 'error', error: first.error }
        : { state: 'loading' };
  const [more, setMore] = useState<{ busy: boolean; error: Refusal | null }>({ busy: false, error: null });
  usePageTitle(params.q ? t('search.titleFor', { q: params.q }) : t('search.title'));
  const signedIn = session.status === 'signedIn';

  useEffect(() => setDraft({ q: params.q, language: params.language, types: params.types }), [key]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams();
    if (draft.q.trim()) search.set('q', draft.q.trim());
    if (draft.language) search.set('language', draft.language);
    if (draft.types) search.set('types', draft.types);
    navigate(`/search?${search.toString()}`);
  };

  const loadMore = async () => {
    if (results.state !== 'ready' || !results.nextCursor) return;
    setMore({ busy: true, error: null });
    try {
      const page = await search(params, results.nextCursor);
      queryClient.setQueryData<SearchPageView>(searchKey, (current) =>
        current
          ? {
              ...current,
              items: [
                ...current.items,
                ...page.items.filter((i) => !current.items.some((c) => c.id === i.id)),
              ],
              nextCursor: page.nextCursor,
            }
          : current,
      );
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({
        busy: false,
        error: errorRefusal(error, t),
      });
    }
  };

  if (!ready || session.status === 'loading') return <StatusMessage>{t('layout.loadingPage')}</StatusMessage>;
  return (
    <>
      <h1>{t('search.title')}</h1>
      {!signedIn && (
        <p>
          {t('search.signInFirst')}{' '}
          <Link to={`/sign-in?returnTo=${encodeURIComponent(`/search?q=${encodeURIComponent(params.q)}`)}`}>
            {t('forums.signIn')}
          </Link>
        </p>
      )}
      <form className="search-form" role="search" onSubmit={submit} aria-label={t('search.formLabel')}>
        <div className="field">
          <label htmlFor="search-q">{t('search.query')}</label>
          <input
            id="search-q"
            type="search"
            dir="auto"
            maxLength={200}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="search-language">{t('search.language')}</label>
          <select
            id="search-language"
            value={draft.language}
            onChange={(e) => setDraft({ ...draft, language: e.target.value })}
          >
            <option value="">{t('search.anyLanguage')}</option>
            {SEARCH_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`search.languages.${code}`)}
              </option>
            ))}
          </select>
        </div>
        {SEARCH_TYPES.length > 1 && (
          <div className="field">
            <label htmlFor="search-types">{t('search.types')}</label>
            <select
              id="search-types"
              value={draft.types}
              onChange={(e) => setDraft({ ...draft, types: e.target.value })}
            >
              <option value="">{t('search.anyType')}</option>
              {SEARCH_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`search.type.${type}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </form>
      <StatusMessage>
        {results.state === 'loading'
          ? t('search.searching')
          : results.state === 'ready'
            ? results.items.length === 0
              ? t('search.none')
              : results.nextCursor
                ? t('search.shownWithMore', { n: results.items.length })
                : t('search.shown', { n: results.items.length })
            : ''}
      </StatusMessage>
      {results.state === 'error' && <LoadError error={results.error} onRetry={first.retry} />}
      {results.state === 'ready' && results.items.length > 0 && (
        <ol className="search-results">
          {results.items.map((result) => (
            <li key={result.id} className="search-result">
              <h2 className="search-result__title">
                <Link to={resultPath(result)} dir="auto">
                  {result.titleHtml ? <Highlighted html={result.titleHtml} /> : t('search.untitled')}
                </Link>
              </h2>
              <p className="search-result__meta">
                <span className="tag">
                  {t(`search.type.${isSearchType(result.type) ? result.type : 'other'}`)}
                </span>
                <LabelBadge label={result.label} />
                <span>{t('search.inSpace', { space: result.space.name })}</span>
              </p>
              {result.excerptHtml && (
                <p className="search-result__snippet" dir="auto">
                  <Highlighted html={result.excerptHtml} />
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {results.state === 'ready' && results.nextCursor && (
        <button type="button" className="button button--secondary" disabled={more.busy} onClick={loadMore}>
          {more.busy ? t('search.loadingMore') : t('search.more')}
        </button>
      )}
      {more.error && (
        <p role="alert" className="field-error">
          <RefusalText refusal={more.error} />
        </p>
      )}
    </>
  );
}
