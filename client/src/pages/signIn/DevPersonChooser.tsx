/**
 * The development chooser of the sign-in page: on a server that runs with demo data, every demo
 * person in every role, each a button that signs in as them with no second step (a person of a city
 * through their city's development identity provider and the real SAML round trip, a person without
 * a city directly). The server offers the list at /dev-idp/people only in development with demo data;
 * anywhere else there is no list and nothing is shown.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../data/useApiQuery.js';
import './devPersonChooser.css';

/** A demo person as /dev-idp/people lists them. */
export interface DevPerson {
  id: string;
  name: string;
  roles: string[];
  position: string | null;
  organisation: string | null;
  city: { slug: string; name: string } | null;
  /** `city`: through their city's development provider (SAML); `direct`: no city provider. */
  via: 'city' | 'direct';
}

/** The demo people, or null when this server has no development chooser. */
async function readDemoPeople(signal: AbortSignal): Promise<DevPerson[] | null> {
  try {
    const response = await fetch('/dev-idp/people', { signal, headers: { Accept: 'application/json' } });
    const json = response.ok && (response.headers.get('content-type') ?? '').includes('application/json');
    if (!json) return null;
    const body = (await response.json()) as { people?: DevPerson[] };
    return Array.isArray(body.people) ? body.people : null;
  } catch {
    return null;
  }
}

/** The chooser; `returnTo` is where the sign-in comes back to. */
export function DevPersonChooser({ returnTo }: { returnTo: string }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const people = useApiQuery(['dev-idp', 'people'], readDemoPeople, { staleTime: 60_000 });
  if (people.state !== 'ready' || !people.data || people.data.length === 0) return null;

  const list = new Intl.ListFormat(i18n.resolvedLanguage ?? 'en', { type: 'conjunction' });
  const roleNames = (roles: string[]) =>
    list.format(roles.map((role) => t(`signIn.dev.roles.${role}`, { defaultValue: role })));
  const place = (person: DevPerson) => person.city?.name ?? person.organisation ?? t('signIn.dev.noCity');

  return (
    <section className="sign-in__part dev-chooser" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('signIn.dev.heading')}</h2>
      <p>{t('signIn.dev.intro')}</p>
      <ul className="dev-chooser__list" aria-labelledby={headingId}>
        {people.data.map((person) => {
          const detailsId = `dev-person-${person.id}`;
          return (
            <li key={person.id} className="dev-chooser__person">
              <form method="post" action="/dev-idp/choose">
                <input type="hidden" name="person" value={person.id} />
                <input type="hidden" name="returnTo" value={returnTo} />
                <button type="submit" className="dev-chooser__button" aria-describedby={detailsId}>
                  {person.name}
                </button>
              </form>
              <span id={detailsId} className="dev-chooser__details">
                <span>{roleNames(person.roles)}</span>
                <span dir="auto">
                  {person.position ? `${person.position} · ` : ''}
                  {place(person)}
                </span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
