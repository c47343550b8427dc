/**
 * Cities: admins see every city (any status), a focal point their own; each with its lifecycle
 * status, hub, ISC seat and focal points, and the controls its abilities allow.
 */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import type { Page } from '../../types.js';
import type { AdminCityView } from './adminApi.js';
import { CityControls } from './CityControls.js';

/** Whether the reader may change anything of the city. */
function manages(city: AdminCityView): boolean {
  return Object.values(city.abilities ?? {}).some(Boolean);
}

/** The cities the reader manages. */
export function CitiesPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.cities.title'));
  const list = useApiGet<Page<AdminCityView>>('/cities?limit=100');
  const cities = list.state === 'ready' ? list.data.items.filter(manages) : [];
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.cities.title')}</h1>
      <StatusMessage>{list.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {list.state === 'ready' && cities.length === 0 && <p>{t('admin.cities.none')}</p>}
      <ul className="admin-list">
        {cities.map((city) => (
          <li key={city.slug}>
            <article className="admin-card" aria-labelledby={`city-${city.slug}`}>
              <h2 id={`city-${city.slug}`}>{city.name}</h2>
              <dl className="admin-facts">
                <dt>{t('admin.cities.status')}</dt>
                <dd>{t(`admin.cities.statuses.${city.status}`)}</dd>
                <dt>{t('admin.cities.hub')}</dt>
                <dd>{city.hub}</dd>
                <dt>{t('admin.cities.isc')}</dt>
                <dd>{t(city.iscSeat ? 'admin.yes' : 'admin.no')}</dd>
                <dt>{t('admin.cities.focalPoints')}</dt>
                <dd>
                  {(city.focalPoints ?? []).map((p) => p.name).join(', ') || t('admin.cities.noFocalPoint')}
                </dd>
              </dl>
              <CityControls key={`${city.status}-${city.iscSeat}`} city={city} />
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
