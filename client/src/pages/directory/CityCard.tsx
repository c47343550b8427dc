/** One city in the directory list: its name (a link to its page), kind, country, hub and ISC seat. */
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName, hubName } from '../../format.js';
import { Link } from '../../router.js';
import type { CityView, HubView } from '../../types.js';

/** A list item describing `city`; `linkRef` lets the list move focus to it. */
export function CityCard({
  city,
  hub,
  linkRef,
}: {
  city: CityView;
  hub: HubView | undefined;
  linkRef?: Ref<HTMLAnchorElement>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <li className="city-card">
      <h3 className="city-card__name">
        <Link to={`/cities/${city.slug}`} ref={linkRef}>
          {city.name}
        </Link>
      </h3>
      <p className="city-card__meta">
        {t(`kinds.${city.kind}`)} · {countryName(city.country, language)}
      </p>
      <p className="city-card__meta">{hub ? hubName(hub, language) : city.hub}</p>
      {city.iscSeat && <p className="badge">{t('city.iscSeatBadge')}</p>}
    </li>
  );
}
