/**
 * A member city's page: what it is, where, since when, which principles it pledged, its ISC seat;
 * for signed-in members, its people (each with "Send a message").
 */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { NotFoundContent } from '../NotFoundPage.js';
import type { CityView } from '../../types.js';
import { CityDetails } from './CityDetails.js';

// The people of the city are for signed-in members: loaded on demand.
const CityPeople = lazy(() =>
  import('../people/CityPeople.js').then((module) => ({ default: module.CityPeople })),
);

/** Loads the city named by `slug` and shows it, or says it is not in the directory. */
export function CityPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const city = useApiGet<CityView>(`/cities/${encodeURIComponent(slug)}`);
  const notFound = city.state === 'error' && city.error.status === 404;
  usePageTitle(
    city.state === 'ready' ? city.data.name : notFound ? t('notFound.cityTitle') : t('city.loadingTitle'),
  );

  if (notFound) return <NotFoundContent heading={t('notFound.cityTitle')} text={t('notFound.cityText')} />;
  return (
    <>
      {city.state === 'ready' ? <CityDetails city={city.data} /> : <h1>{t('city.loadingTitle')}</h1>}
      <StatusMessage>{city.state === 'loading' ? t('city.loading') : ''}</StatusMessage>
      {city.state === 'error' && <LoadError error={city.error} onRetry={city.retry} />}
      {city.state === 'ready' && session.status === 'signedIn' && (
        <Suspense fallback={null}>
          <CityPeople key={slug} slug={slug} />
        </Suspense>
      )}
    </>
  );
}
