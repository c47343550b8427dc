/** "Your rooms": the hub, peer, committee and direct rooms the signed-in person takes part in. */
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryKeys } from '../../data/keys.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { directPartnerId } from '../people/directConversation.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { fetchMyRooms, groupOf, ROOM_GROUPS, type RoomListItem } from './roomList.js';
import { SignInFirst } from './SignInFirst.js';
import { usePeopleNames } from './usePeopleNames.js';
import './rooms.css';

/** The rooms list page. */
export function RoomsPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  usePageTitle(t('rooms.heading'));
  if (session.status === 'loading') return null;
  if (session.status !== 'signedIn') return <SignInFirst />;
  return <MyRooms me={session.me.person.id} />;
}

function MyRooms({ me }: { me: string }) {
  const { t } = useTranslation();
  // Shared cache: the room pages keep it in step (a room taken away leaves, a room read shows no unread).
  const list = useApiQuery(queryKeys.myRooms(), fetchMyRooms);
  const rooms = list.state === 'ready' ? list.data : null;
  // Direct conversations are shown by the other person's name (the stored name holds both).
  const [names, setNames] = useState<Record<string, string>>({});
  const addNames = useCallback(
    (found: Record<string, string>) => setNames((known) => ({ ...known, ...found })),
    [],
  );
  const partnerOf = (room: RoomListItem) => (room.kind === 'direct' ? directPartnerId(room.slug, me) : null);
  usePeopleNames(
    rooms ? rooms.map(partnerOf).filter((id): id is string => id !== null) : [],
    names,
    addNames,
  );
  const shownName = (room: RoomListItem) => {
    const partner = partnerOf(room);
    return (partner && names[partner]) || room.name;
  };

  return (
    <section className="rooms-page">
      <h1>{t('rooms.heading')}</h1>
      {list.state === 'loading' && <StatusMessage>{t('rooms.loading')}</StatusMessage>}
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {rooms && (
        <>
          <StatusMessage>{t('rooms.count', { n: rooms.length })}</StatusMessage>
          {ROOM_GROUPS.map((group) => {
            const inGroup = rooms.filter((room) => groupOf(room.kind) === group);
            if (inGroup.length === 0) return null;
            return (
              <section key={group} aria-labelledby={`rooms-${group}`} className="rooms-group">
                <h2 id={`rooms-${group}`}>{t(`rooms.groups.${group}`)}</h2>
                <ul className="rooms-list">
                  {inGroup.map((room) => (
                    <li key={room.id} className="rooms-list__item">
                      <Link to={`/rooms/${room.id}`}>
                        <bdi>{shownName(room)}</bdi>
                      </Link>{' '}
                      <LabelBadge label={room.ceiling} />
                      {room.chathamHouse && <span className="chr-tag"> {t('rooms.chathamHouse.short')}</span>}
                      {room.unread !== null && room.unread > 0 && (
                        <span className="unread"> {t('rooms.unread', { n: room.unread })}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
