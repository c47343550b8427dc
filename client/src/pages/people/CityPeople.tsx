/**
 * The people of a city, for signed-in members who may read the directory of people (the server
 * lists only whom the reader may see), each with "Send a message" to open a direct conversation.
 * Loaded on demand with the city page, so the main bundle stays small.
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { MessageButton } from './MessageButton.js';
import './people.css';

/** A person as the directory lists them (GET /api/v1/people). */
interface PersonItem {
  id: string;
  name: string;
  position: string | null;
  organisation: string | null;
  status: string;
}

/** The people of the city `slug` the signed-in person may see. */
export function CityPeople({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const people = useApiGet<{ items: PersonItem[] }>(`/people?city=${encodeURIComponent(slug)}&limit=100`);
  if (session.status !== 'signedIn') return null;
  const me = session.me.person.id;
  // Someone who may read only their own entry (community partners, observers) has no directory here.
  const items = people.state === 'ready' ? people.data.items.filter((p) => p.id !== me) : [];
  return (
    <section className="city-people" aria-labelledby="city-people-heading">
      <h2 id="city-people-heading">{t('people.heading')}</h2>
      <StatusMessage>
        {people.state === 'loading'
          ? t('people.loading')
          : people.state === 'ready'
            ? t('people.count', { n: items.length })
            : ''}
      </StatusMessage>
      {people.state === 'error' && <LoadError error={people.error} onRetry={people.retry} />}
      {people.state === 'ready' && items.length === 0 && <p>{t('people.none')}</p>}
      {items.length > 0 && (
        <ul className="people-list">
          {items.map((person) => (
            <li key={person.id} className="people-list__item">
              <p className="people-list__who">
                <bdi className="people-list__name">{person.name}</bdi>
                {(person.position || person.organisation) && (
                  <span className="people-list__role">
                    <bdi>{[person.position, person.organisation].filter(Boolean).join(', ')}</bdi>
                  </span>
                )}
              </p>
              {person.status === 'active' ? (
                <MessageButton person={person} />
              ) : (
                <span className="people-list__inactive">{t('people.inactive')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
