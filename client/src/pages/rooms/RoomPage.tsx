/**
 * A room: its messages live, the composer, threads, reactions, presence, typing and read markers.
 * A person who may not take part (not a member, or no such room) is told only that the room is not
 * available to them; a room taken away while open empties the screen at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDelivery } from '../../../../shared/events.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { useSession } from '../../auth/session.js';
import { markRoomRead } from '../../data/roomsCache.js';
import {
  ackRefusal,
  errorRefusal,
  sourceOfError,
  type AckErrorLike,
  type Refusal,
} from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { request } from '../../realtime/socket.js';
import { Link } from '../../router.js';
import { directPartnerId } from '../people/directConversation.js';
import { Composer } from './Composer.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import type { MessageActions } from './MessageItem.js';
import { MessageList } from './MessageList.js';
import { PresenceList, TypingIndicator } from './RoomPeople.js';
import { SignInFirst } from './SignInFirst.js';
import { ThreadPanel } from './ThreadPanel.js';
import { usePeopleNames } from './usePeopleNames.js';
import { useRoom } from './useRoom.js';
import { useConnectionState, useOutbox } from './useRealtimeStores.js';
import './rooms.css';

/** The room page for a signed-in person. */
export function RoomPage({ roomId }: { roomId: string }) {
  const { session } = useSession();
  if (session.status === 'loading') return null;
  if (session.status !== 'signedIn') return <SignInFirst />;
  return <OpenRoom roomId={roomId} me={session.me.person.id} />;
}

function OpenRoom({ roomId, me }: { roomId: string; me: string }) {
  const { t } = useTranslation();
  const { state, loadEarlier, loadThread, dispatch } = useRoom(roomId);
  const queryClient = useQueryClient();
  const connection = useConnectionState();
  const outbox = useOutbox();
  const [thread, setThread] = useState<{ id: string; opener: HTMLElement | null } | null>(null);
  const [error, setError] = useState<Refusal | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const lastMarked = useRef<string | null>(null);
  const announced = useRef<string | null | undefined>(undefined);
  const { room } = state;
  // A direct conversation is titled by the other person's name (the stored name holds both).
  const partner = room?.kind === 'direct' ? directPartnerId(room.slug, me) : null;
  const partnerName = partner ? state.names[partner] : undefined;
  const roomName = partnerName ? t('rooms.directWith', { name: partnerName }) : room?.name;
  usePageTitle(roomName ?? t('rooms.roomTitle'));

  const addNames = useCallback(
    (names: Record<string, string>) => dispatch({ type: 'names', names }),
    [dispatch],
  );
  usePeopleNames(
    [...state.online, ...Object.keys(state.reads), ...(partner ? [partner] : [])].filter((id) => id !== me),
    state.names,
    addNames,
  );

  /** Shows why an action over the socket was refused (the ack's error, or just its code). */
  const fail = useCallback(
    (reason: AckErrorLike | string) => {
      setError(ackRefusal(typeof reason === 'string' ? { code: reason } : reason, t));
    },
    [t],
  );

  // Announce the newest message when it came from someone else after the room was first loaded.
  useEffect(() => {
    if (!state.loaded) return;
    const newest = state.lastSeen?.id ?? null;
    const previous = announced.current;
    announced.current = newest;
    if (previous === undefined || previous === newest || newest === null) return; // first load
    const all = [...state.messages, ...Object.values(state.threads).flat()];
    const message = all.find((m) => m.id === newest);
    if (message && message.author?.id !== me)
      setAnnouncement(t('rooms.newMessage', { name: message.author?.name ?? t('rooms.someone') }));
  }, [state.lastSeen, state.loaded, state.messages, state.threads, me, t]);

  const actions: MessageActions = useMemo(
    () => ({
      edit: async (messageId, body) => {
        const ack = await request('message:edit', { messageId, body });
        if (ack.ok) dispatch({ type: 'upsert', message: ack.data });
        else fail(ack.error);
        return ack.ok ? null : ack.error.code;
      },
      quarantine: async (messageId, reason) => {
        try {
          await postWithCsrf(`/messages/${messageId}/quarantine`, { reason });
        } catch (error) {
          setError(errorRefusal(error, t));
          return sourceOfError(error).code ?? 'unavailable';
        }
        dispatch({ type: 'remove', id: messageId });
        setAnnouncement(t('rooms.message.quarantined'));
        return null;
      },
      remove: async (messageId) => {
        const ack = await request('message:delete', { messageId });
        if (ack.ok) {
          dispatch({ type: 'remove', id: messageId });
          setAnnouncement(t('rooms.message.deleted'));
        } else fail(ack.error);
        return ack.ok ? null : ack.error.code;
      },
      react: (messageId, emoji, add) => {
        void request(add ? 'reaction:add' : 'reaction:remove', { messageId, emoji }).then((ack) => {
          if (ack.ok) dispatch({ type: 'reactions', messageId, reactions: ack.data.reactions });
          else fail(ack.error);
        });
      },
      openThread: (message: MessageDelivery, opener: HTMLElement) => {
        setThread({ id: message.id, opener });
        void loadThread(message.id).then((code) => code && fail(code));
      },
    }),
    [dispatch, fail, loadThread, t],
  );

  const onSeen = useCallback(
    (messageId: string) => {
      if (lastMarked.current === messageId) return;
      lastMarked.current = messageId;
      void request('read:mark', { roomId, messageId });
      markRoomRead(queryClient, roomId);
    },
    [roomId, queryClient],
  );

  const readers = useCallback(
    (messageId: string) =>
      Object.entries(state.reads)
        .filter(([person, id]) => id === messageId && person !== me)
        .map(([person]) => state.names[person] ?? t('rooms.someone')),
    [state.reads, state.names, me, t],
  );

  const closeThread = () => {
    const opener = thread?.opener;
    setThread(null);
    // The opener may have been re-rendered: fall back to the message list.
    if (opener?.isConnected) opener.focus();
    else document.querySelector<HTMLElement>('.message-list')?.focus();
  };

  if (state.status === 'denied') {
    return (
      <section className="room-page">
        <h1>{t('rooms.denied.heading')}</h1>
        <p className="notice notice--error" role="alert">
          {t('rooms.denied.text')}
        </p>
        <p>
          <Link to="/rooms">{t('rooms.backToRooms')}</Link>
        </p>
      </section>
    );
  }
  if (state.status === 'removed') {
    return (
      <section className="room-page">
        <h1>{t('rooms.removed.heading')}</h1>
        <p className="notice notice--error" role="alert">
          {t('rooms.removed.text')}
        </p>
        <p>
          <Link to="/rooms">{t('rooms.backToRooms')}</Link>
        </p>
      </section>
    );
  }
  if (!room) {
    return (
      <StatusMessage>
        {connection === 'offline' ? t('rooms.connection.offline') : t('rooms.joining')}
      </StatusMessage>
    );
  }

  const roomPending = outbox.filter((item) => item.roomId === roomId && item.threadId === null);
  const root = thread ? state.messages.find((m) => m.id === thread.id) : undefined;
  return (
    <div className={`room-page${root ? ' room-page--thread' : ''}`}>
      <div className="room-page__main">
        <p className="breadcrumb">
          <Link to="/rooms">{t('rooms.backToRooms')}</Link> ·{' '}
          <Link to={`/spaces/${room.slug}/documents`}>{t('rooms.documents')}</Link>
        </p>
        <h1>
          <bdi>{roomName}</bdi>
        </h1>
        <p className="room-page__facts">
          {t(`rooms.kinds.${room.kind}`, { defaultValue: room.kind })} · {t('rooms.ceiling')}{' '}
          <LabelBadge label={room.ceiling} />
        </p>
        {room.chathamHouse && (
          <p className="notice notice--chr" id="chr-notice">
            <strong>{t('rooms.chathamHouse.title')}</strong> {t('rooms.chathamHouse.text')}
          </p>
        )}
        {connection !== 'connected' && (
          <p className="notice notice--offline" role="status">
            {connection === 'offline' ? t('rooms.connection.offline') : t('rooms.connection.reconnecting')}
          </p>
        )}
        <MessageList
          label={t('rooms.messagesLabel', { name: roomName ?? room.name })}
          messages={state.messages}
          pending={roomPending}
          me={me}
          abilities={room.abilities}
          readers={readers}
          actions={actions}
          threads
          loadEarlier={state.before ? () => loadEarlier().then((code) => code && fail(code)) : undefined}
          onSeen={onSeen}
        />
        <TypingIndicator typing={state.typing} me={me} />
        <Composer room={room} threadId={null} idPrefix="composer" />
        <div className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </div>
        <p className="room-page__error" aria-live="polite" role="status">
          {error && <RefusalText refusal={error} />}
          {error && (
            <button type="button" className="link-button" onClick={() => setError(null)}>
              {t('rooms.dismiss')}
            </button>
          )}
        </p>
        <PresenceList online={state.online} names={state.names} me={me} />
      </div>
      {root && (
        <ThreadPanel
          room={room}
          root={root}
          replies={state.threads[root.id]}
          pending={outbox.filter((item) => item.roomId === roomId && item.threadId === root.id)}
          me={me}
          abilities={room.abilities}
          actions={actions}
          onClose={closeThread}
        />
      )}
    </div>
  );
}
