/** The directory's filter form: hub, country and kind, applied when the person submits it. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTRY_CODES } from '../../../../shared/countries.js';
import { countryName, hubName, sortByName } from '../../format.js';
import type { CityFilters } from '../../hooks/useCityPages.js';
import type { HubsState } from '../../hooks/useHubs.js';
import { Link, navigate } from '../../router.js';
import { CITY_KINDS, type CityKind } from '../../types.js';
import { directoryUrl, type DirectoryBase } from './filters.js';

const ALL_COUNTRIES = [...COUNTRY_CODES];

/**
 * Filters for the city list. It applies on submit rather than on every change, so moving through a
 * select with the arrow keys does not reload the list (and spend mobile data) at each step.
 */
export function CityFilterForm({
  filters,
  hubs,
  pageSize,
  base,
}: {
  filters: CityFilters;
  hubs: HubsState;
  pageSize: number;
  /** The page the directory is on. */
  base: DirectoryBase;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [hub, setHub] = useState(filters.hub ?? '');
  const [country, setCountry] = useState(filters.country ?? '');
  const [kind, setKind] = useState<CityKind | ''>(filters.kind ?? '');
  const filtered = Boolean(filters.hub ?? filters.country ?? filters.kind);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = { hub: hub || undefined, country: country || undefined, kind: kind || undefined };
    navigate(directoryUrl(next, pageSize, base), { keepScroll: true });
  };

  const hubOptions =
    hubs.state === 'ready' ? sortByName(hubs.data, (h) => hubName(h, language), language) : [];
  const countries = sortByName(ALL_COUNTRIES, (code) => countryName(code, language), language);

  return (
    <form className="filters" onSubmit={apply} aria-label={t('filters.label')}>
      <div className="field">
        <label htmlFor="filter-hub">{t('filters.hub')}</label>
        <select id="filter-hub" value={hub} onChange={(e) => setHub(e.target.value)}>
          <option value="">{t('filters.anyHub')}</option>
          {hubOptions.map((h) => (
            <option key={h.slug} value={h.slug}>
              {hubName(h, language)}
            </option>
          ))}
          {hub && !hubOptions.some((h) => h.slug === hub) && <option value={hub}>{hub}</option>}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-country">{t('filters.country')}</label>
        <select id="filter-country" value={country} onChange={(e) => setCountry(e.target.value)}>
          <option value="">{t('filters.anyCountry')}</option>
          {countries.map((code) => (
            <option key={code} value={code}>
              {countryName(code, language)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind">{t('filters.kind')}</label>
        <select id="filter-kind" value={kind} onChange={(e) => setKind(e.target.value as CityKind | '')}>
          <option value="">{t('filters.anyKind')}</option>
          {CITY_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
        {filtered && (
          <Link to={directoryUrl({}, pageSize, base)} keepScroll className="filters__clear">
            {t('filters.clear')}
          </Link>
        )}
      </div>
    </form>
  );
}
