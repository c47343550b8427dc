/** The facts about one city, as a description list. */
import { useTranslation } from 'react-i18next';
import { countryName, formatDate, hubName, isolate } from '../../format.js';
import { useHubs } from '../../hooks/useHubs.js';
import { Link } from '../../router.js';
import type { CityView } from '../../types.js';

/** Heading and details of `city`: kind, country, hub, membership, pledge and ISC seat. */
export function CityDetails({ city }: { city: CityView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const hubs = useHubs();
  const hub = hubs.state === 'ready' ? hubs.data.find((h) => h.slug === city.hub) : undefined;

  return (
    <article className="city-details" aria-labelledby="city-name">
      <p className="breadcrumb">
        <Link to="/cities">{t('city.backToDirectory')}</Link>
      </p>
      <h1 id="city-name">{city.name}</h1>
      {city.iscSeat && <p className="badge">{t('city.iscSeatBadge')}</p>}
      <dl className="facts">
        <div>
          <dt>{t('city.kind')}</dt>
          <dd>{t(`kinds.${city.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('city.country')}</dt>
          <dd>{countryName(city.country, language)}</dd>
        </div>
        <div>
          <dt>{t('city.hub')}</dt>
          <dd>
            <Link to={`/cities?hub=${encodeURIComponent(city.hub)}`}>
              {hub ? hubName(hub, language) : city.hub}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('city.status')}</dt>
          <dd>{t(`statuses.${city.status}`)}</dd>
        </div>
        <div>
          <dt>{t('city.memberSince')}</dt>
          <dd>{city.memberSince ? formatDate(city.memberSince, language) : t('city.notRecorded')}</dd>
        </div>
        <div>
          <dt>{t('city.pledge')}</dt>
          <dd>
            {city.pledge
              ? city.pledge.pledgedBy
                ? t('city.pledgeDetails', {
                    version: isolate(city.pledge.version, 'ltr'),
                    date: formatDate(city.pledge.pledgedAt, language),
                    by: isolate(city.pledge.pledgedBy),
                  })
                : // Visitors see that the city pledged, not who signed: that is for members.
                  t('city.pledgeDetailsWithoutName', {
                    version: isolate(city.pledge.version, 'ltr'),
                    date: formatDate(city.pledge.pledgedAt, language),
                  })
              : t('city.notRecorded')}
          </dd>
        </div>
        <div>
          <dt>{t('city.iscSeat')}</dt>
          <dd>{city.iscSeat ? t('city.iscSeatYes') : t('city.iscSeatNo')}</dd>
        </div>
      </dl>
    </article>
  );
}
