/**
 * A signed-in person's home (Discourse's "new for you", Slack's activity): their unread mentions,
 * their rooms with unread messages, and their hubs and the network with each one's forum, room and
 * member cities. Read from the same cached summary as the workspace sidebar, which keeps it live.
 * Expert requests are not part of the product yet, so the page does not list them.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SpaceLink } from '../../components/WorkspaceSidebar.js';
import { formatDate, hubName } from '../../format.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { markNotificationRead, safeLink } from '../../notifications/notificationsApi.js';
import { Link } from '../../router.js';
import type { HomeMentionView, HomeSpaceView, HomeSummaryView } from './homeApi.js';
import { HOME_KEY } from './homeKey.js';
import { useHomeSummary } from './useHomeSummary.js';
import './home.css';

/** The member's home page. */
export function MemberHome() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const summary = useHomeSummary();
  return (
    <div className="member-home">
      <h1>{t('home.heading')}</h1>
      <p className="lead">{t('home.intro')}</p>
      {summary.state === 'loading' && <StatusMessage>{t('home.loading')}</StatusMessage>}
      {summary.state === 'error' && <LoadError error={summary.error} onRetry={summary.retry} />}
      {summary.state === 'ready' && (
        <>
          <Mentions mentions={summary.data.mentions} />
          <UnreadRooms spaces={summary.data.spaces} />
          <HubsAndNetwork summary={summary.data} />
        </>
      )}
    </div>
  );
}

/** The unread mentions, each a link to where it was said (following it marks it read). */
function Mentions({ mentions }: { mentions: HomeMentionView[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const language = i18n.resolvedLanguage ?? 'en';
  const follow = (mention: HomeMentionView) => {
    markNotificationRead(mention.id).then(
      () => {
        void queryClient.invalidateQueries({ queryKey: HOME_KEY });
        void queryClient.invalidateQueries({ queryKey: ['notifications'] });
      },
      () => undefined, // still unread: it shows again on the next visit
    );
  };
  return (
    <section aria-labelledby="home-mentions" className="home-section">
      <h2 id="home-mentions">{t('home.mentions.heading')}</h2>
      {mentions.length === 0 ? (
        <p>{t('home.mentions.none')}</p>
      ) : (
        <ul className="home-list">
          {mentions.map((mention) => (
            <li key={mention.id} className="home-mention">
              <Link to={safeLink(mention.link)} onClick={() => follow(mention)}>
                <bdi>{mention.excerpt}</bdi>
              </Link>
              <p className="home-meta">
                {mention.author
                  ? t('home.mentions.by', { name: mention.author, space: mention.space.name })
                  : t('home.mentions.in', { space: mention.space.name })}{' '}
                · <time dateTime={mention.createdAt}>{formatDate(mention.createdAt, language)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The rooms with unread messages, most unread first. */
function UnreadRooms({ spaces }: { spaces: HomeSpaceView[] }) {
  const { t } = useTranslation();
  const unread = spaces
    .filter((space) => space.unread > 0 && space.kind !== 'direct')
    .sort((a, b) => b.unread - a.unread);
  const direct = spaces.filter((space) => space.unread > 0 && space.kind === 'direct').length;
  return (
    <section aria-labelledby="home-unread" className="home-section">
      <h2 id="home-unread">{t('home.unread.heading')}</h2>
      {unread.length === 0 && direct === 0 && <p>{t('home.unread.none')}</p>}
      {unread.length > 0 && (
        <ul className="home-list home-list--rooms">
          {unread.map((space) => (
            <li key={space.id}>
              <SpaceLink space={space} name={space.name} current={false} />
            </li>
          ))}
        </ul>
      )}
      {direct > 0 && (
        <p>
          <Link to="/rooms">{t('home.unread.direct', { n: direct })}</Link>
        </p>
      )}
    </section>
  );
}

/** The network-wide space and the person's hubs, each with its forum, room and member cities. */
function HubsAndNetwork({ summary }: { summary: HomeSummaryView }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const network = summary.spaces.filter((space) => space.kind === 'network');
  const hubSpaces = (hubId: string) =>
    summary.spaces.filter((space) => space.kind === 'hub' && space.hubId === hubId);
  return (
    <section aria-labelledby="home-hubs" className="home-section">
      <h2 id="home-hubs">{t('home.hubs.heading')}</h2>
      {summary.hubs.length === 0 && network.length === 0 && <p>{t('home.hubs.none')}</p>}
      <ul className="home-hubs">
        {network.map((space) => (
          <li key={space.id} className="home-hub">
            <h3>
              <bdi>{space.name}</bdi>
            </h3>
            <SpacePlaces space={space} />
          </li>
        ))}
        {summary.hubs.map((hub) => (
          <li key={hub.id} className="home-hub">
            <h3>{hubName(hub, language)}</h3>
            {hub.coordinator && <p className="home-meta">{t('home.hubs.coordinator')}</p>}
            {hubSpaces(hub.id).map((space) => (
              <div key={space.id} className="home-place">
                <p className="home-place__name">
                  <bdi>{space.name}</bdi>
                </p>
                <SpacePlaces space={space} />
              </div>
            ))}
            <p>
              <Link to={`/cities?hub=${encodeURIComponent(hub.slug)}`}>{t('home.hubs.cities')}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A space's forum (when it has one) and room, named for screen readers with the space. */
function SpacePlaces({ space }: { space: HomeSpaceView }) {
  const { t } = useTranslation();
  return (
    <ul className="home-places">
      {space.forum && (
        <li>
          <Link to={`/forums/${encodeURIComponent(space.slug)}`}>
            {t('home.hubs.forum')}
            <span className="visually-hidden"> – {space.name}</span>
          </Link>
        </li>
      )}
      <li>
        <Link to={`/rooms/${space.id}`}>
          {t('home.hubs.room')}
          <span className="visually-hidden"> – {space.name}</span>
        </Link>
      </li>
    </ul>
  );
}
