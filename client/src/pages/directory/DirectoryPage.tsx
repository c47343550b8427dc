/**
 * The membership directory: the network's regional hubs and its member cities, filtered through the
 * URL; on the visitors' home (`/`) and on its own page (`/cities`).
 */
import { useTranslation } from 'react-i18next';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { useLocation } from '../../router.js';
import { CityFilterForm } from './CityFilterForm.js';
import { CityList } from './CityList.js';
import { filtersFromQuery, pageSizeFromQuery, type DirectoryBase } from './filters.js';
import { HubList } from './HubList.js';

/** The membership directory, on the page at `base`. */
export function DirectoryPage({ base }: { base: DirectoryBase }) {
  const { t } = useTranslation();
  const { query } = useLocation();
  const hubs = useHubs();
  const filters = filtersFromQuery(query);
  const pageSize = pageSizeFromQuery(query);
  usePageTitle(t('directory.title'));

  return (
    <>
      <h1>{t('directory.heading')}</h1>
      <p className="lead">{t('directory.intro')}</p>
      <HubList hubs={hubs} activeHub={filters.hub} pageSize={pageSize} base={base} />
      <section aria-labelledby="cities-heading" className="cities">
        <h2 id="cities-heading">{t('directory.citiesHeading')}</h2>
        {/* Keyed by the filters so the form shows them again after back/forward or a hub link. */}
        <CityFilterForm
          key={`${filters.hub ?? ''}|${filters.country ?? ''}|${filters.kind ?? ''}`}
          filters={filters}
          hubs={hubs}
          pageSize={pageSize}
          base={base}
        />
        <CityList filters={filters} pageSize={pageSize} hubs={hubs} />
      </section>
    </>
  );
}
