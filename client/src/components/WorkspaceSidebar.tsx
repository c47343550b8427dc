/**
 * The workspace sidebar of a signed-in person (Element's room list, Slack's sidebar): the areas they
 * may open (from the server's capability flags), then their spaces and rooms grouped as the network,
 * the hubs, other rooms and direct conversations, each with its unread messages and mentions, kept
 * live over the socket (pages/home/useHomeSummary.ts). A complementary landmark beside the main
 * content on wide screens; on a phone it opens from the header's "Menu" button.
 */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SPACE_GROUPS,
  spaceGroupOf,
  type HomeSpaceView,
  type HomeSummaryView,
} from '../pages/home/homeApi.js';
import { useLiveHomeSummary } from '../pages/home/useHomeSummary.js';
import { directPartnerId } from '../pages/people/directConversation.js';
import { usePeopleNames } from '../pages/rooms/usePeopleNames.js';
import { requestCapabilitiesOf } from '../pages/requests/requestCapabilities.js';
import { Link, useLocation } from '../router.js';
import { LoadError } from './LoadError.js';
import { StatusMessage } from './StatusMessage.js';
import './workspace.css';

/** Props of {@link WorkspaceSidebar}. */
export interface WorkspaceSidebarProps {
  id: string;
  /** The signed-in person's id. */
  me: string;
  /** Whether the phone menu is open (wide screens always show the sidebar). */
  open: boolean;
}

/** The areas of the workspace, each shown when `show` says the person may open it. */
function areasOf(summary: HomeSummaryView | null): { to: string; key: string }[] {
  const can = summary?.capabilities;
  const requests = requestCapabilitiesOf(summary);
  return [
    { to: '/', key: 'home', show: true },
    { to: '/invitations', key: 'invitations', show: true },
    { to: '/spaces/new', key: 'createSpace', show: can?.createSpace === true },
    { to: '/experts', key: 'experts', show: can?.experts === true },
    { to: '/expert-profile', key: 'expertProfile', show: can?.expertProfile === true },
    { to: '/requests', key: 'requests', show: requests.requests },
    { to: '/offers', key: 'offers', show: requests.offers },
    { to: '/library', key: 'library', show: can?.library === true },
    { to: '/moderation', key: 'moderation', show: can?.moderate === true },
    { to: '/admin', key: 'admin', show: can?.administer === true },
    { to: '/settings/notifications', key: 'notificationSettings', show: true },
  ].filter((area) => area.show);
}

/** The sidebar: areas, then spaces by group with their counts. */
export function WorkspaceSidebar({ id, me, open }: WorkspaceSidebarProps) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const summary = useLiveHomeSummary(me);
  const data = summary.state === 'ready' ? summary.data : null;

  // Direct conversations are shown by the other person's name (the stored name holds both).
  const [names, setNames] = useState<Record<string, string>>({});
  const addNames = useCallback(
    (found: Record<string, string>) => setNames((known) => ({ ...known, ...found })),
    [],
  );
  const partnerOf = (space: HomeSpaceView) =>
    space.kind === 'direct' ? directPartnerId(space.slug, me) : null;
  usePeopleNames(
    data ? data.spaces.map(partnerOf).filter((partner): partner is string => partner !== null) : [],
    names,
    addNames,
  );
  const nameOf = (space: HomeSpaceView) => {
    const partner = partnerOf(space);
    return (partner && names[partner]) || space.name;
  };

  const isCurrent = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <aside
      id={id}
      className={open ? 'workspace-sidebar workspace-sidebar--open' : 'workspace-sidebar'}
      aria-labelledby={`${id}-heading`}
    >
      <h2 id={`${id}-heading`} className="workspace-sidebar__heading">
        {t('home.sidebar.heading')}
      </h2>
      <ul className="workspace-list">
        {areasOf(data).map((area) => (
          <li key={area.key}>
            <Link
              to={area.to}
              className="workspace-link"
              aria-current={isCurrent(area.to) ? 'page' : undefined}
            >
              {t(`home.sidebar.areas.${area.key}`)}
            </Link>
          </li>
        ))}
      </ul>
      {summary.state === 'loading' && <StatusMessage>{t('home.sidebar.loading')}</StatusMessage>}
      {summary.state === 'error' && <LoadError error={summary.error} onRetry={summary.retry} />}
      {data && data.spaces.length === 0 && (
        <p className="workspace-sidebar__none">{t('home.sidebar.none')}</p>
      )}
      {data &&
        SPACE_GROUPS.map((group) => {
          const spaces = data.spaces.filter((space) => spaceGroupOf(space.kind) === group);
          if (spaces.length === 0) return null;
          return (
            <section key={group} aria-labelledby={`${id}-${group}`} className="workspace-group">
              <h3 id={`${id}-${group}`}>{t(`home.sidebar.groups.${group}`)}</h3>
              <ul className="workspace-list">
                {spaces.map((space) => (
                  <li key={space.id}>
                    <SpaceLink space={space} name={nameOf(space)} current={path === `/rooms/${space.id}`} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </aside>
  );
}

/** One space: its room link, with its unread messages and mentions (visible and spoken). */
export function SpaceLink({
  space,
  name,
  current,
}: {
  space: HomeSpaceView;
  name: string;
  current: boolean;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const unread = `${number.format(space.unread)}${space.unreadCapped ? '+' : ''}`;
  return (
    <Link
      to={`/rooms/${space.id}`}
      className={space.unread > 0 ? 'workspace-link workspace-link--unread' : 'workspace-link'}
      aria-current={current ? 'page' : undefined}
    >
      {/* One inline run for the name and its spoken counts, so the link's name reads "Room, unread messages: 3". */}
      <span className="workspace-link__name">
        <bdi>{name}</bdi>
        {space.unread > 0 && (
          <span className="visually-hidden">{t('home.sidebar.unread', { n: unread })}</span>
        )}
        {space.mentions > 0 && (
          <span className="visually-hidden">{t('home.sidebar.mentions', { n: space.mentions })}</span>
        )}
      </span>
      {space.mentions > 0 && (
        <span className="workspace-count workspace-count--mention" aria-hidden="true">
          @{number.format(space.mentions)}
        </span>
      )}
      {space.unread > 0 && (
        <span className="workspace-count" aria-hidden="true">
          {unread}
        </span>
      )}
    </Link>
  );
}
