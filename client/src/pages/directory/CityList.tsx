/**
 * The member cities matching the filters, with "load more". The count is announced politely; after
 * loading more, focus moves to the first new city so keyboard users carry on where the list grew.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useCityPages, type CityFilters } from '../../hooks/useCityPages.js';
import type { HubsState } from '../../hooks/useHubs.js';
import { CityCard } from './CityCard.js';

/** The city list for `filters`, `pageSize` cities at a time. */
export function CityList({
  filters,
  pageSize,
  hubs,
}: {
  filters: CityFilters;
  pageSize: number;
  hubs: HubsState;
}) {
  const { t } = useTranslation();
  const pages = useCityPages(filters, pageSize);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const focusAfterLoad = useRef(false);
  const hubsBySlug = new Map(hubs.state === 'ready' ? hubs.data.map((hub) => [hub.slug, hub]) : []);

  useEffect(() => {
    if (pages.state !== 'ready' || !focusAfterLoad.current) return;
    focusAfterLoad.current = false;
    firstNew.current?.focus();
  }, [pages.state]);

  const loadMore = () => {
    focusAfterLoad.current = true;
    pages.loadMore();
  };

  const firstNewIndex = pages.items.length - pages.lastAdded;
  let status = '';
  if (pages.state === 'loading') status = t('directory.loadingCities');
  else if (pages.state === 'loadingMore') status = t('directory.loadingMore');
  else if (pages.state === 'ready') {
    status = pages.hasMore
      ? t('directory.countWithMore', { n: pages.items.length })
      : t('directory.count', { n: pages.items.length });
  }

  return (
    <div className="city-results">
      <StatusMessage>{status}</StatusMessage>
      {pages.state === 'ready' && pages.items.length === 0 && <p>{t('directory.empty')}</p>}
      {pages.items.length > 0 && (
        <ul className="city-list" aria-label={t('directory.citiesHeading')}>
          {pages.items.map((city, index) => (
            <CityCard
              key={city.id}
              city={city}
              hub={hubsBySlug.get(city.hub)}
              linkRef={index === firstNewIndex && index > 0 ? firstNew : undefined}
            />
          ))}
        </ul>
      )}
      {pages.state === 'error' && pages.error && <LoadError error={pages.error} onRetry={pages.retry} />}
      {pages.hasMore && pages.state !== 'error' && (
        <button
          type="button"
          className="button button--secondary"
          onClick={loadMore}
          disabled={pages.state === 'loadingMore'}
        >
          {pages.state === 'loadingMore' ? t('directory.loadingMore') : t('directory.loadMore')}
        </button>
      )}
    </div>
  );
}
