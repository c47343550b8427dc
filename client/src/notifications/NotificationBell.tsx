/**
 * The header's notification bell (loaded on its own, with the socket, only for signed-in people): the
 * unread count in the button's name, a list that opens below it, "mark all as read", and new
 * notifications live from `notification:created`, announced politely. Escape closes the list and
 * returns focus to the bell.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationDelivery } from '../../../shared/events.js';
import { getSocket } from '../realtime/socket.js';
import { Link } from '../router.js';
import {
  fetchNotifications,
  fromDelivery,
  markNotificationsRead,
  safeLink,
  type BellItem,
} from './notificationsApi.js';
import './notifications.css';

/** The bell and its list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [items, setItems] = useState<BellItem[]>([]);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const unread = items.filter((item) => !item.read).length;

  const load = useCallback((signal: AbortSignal) => {
    fetchNotifications(signal).then(
      (list) => {
        setFailed(false);
        setItems((live) => [...live.filter((n) => !list.some((l) => l.id === n.id)), ...list]);
      },
      () => {
        if (!signal.aborted) setFailed(true);
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    const socket = getSocket();
    const onCreated = (notification: NotificationDelivery) => {
      setItems((list) => [fromDelivery(notification), ...list.filter((n) => n.id !== notification.id)]);
      setAnnouncement(t('notifications.arrived'));
    };
    socket.on('notification:created', onCreated);
    return () => {
      controller.abort();
      socket.off('notification:created', onCreated);
    };
  }, [load, t]);

  const markAll = () => {
    const ids = items.filter((item) => !item.read).map((item) => item.id);
    setItems((list) => list.map((item) => ({ ...item, read: true })));
    markNotificationsRead(ids).catch(() => setFailed(true));
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const follow = (item: BellItem) => {
    setOpen(false);
    if (!item.read) {
      setItems((list) => list.map((n) => (n.id === item.id ? { ...n, read: true } : n)));
      markNotificationsRead([item.id]).catch(() => setFailed(true));
    }
  };

  return (
    <div
      className="bell"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) close();
      }}
    >
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls="bell-panel"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">🔔</span>{' '}
        <span className="bell__label">{t('notifications.button', { n: unread })}</span>
        {unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {unread}
          </span>
        )}
      </button>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div id="bell-panel" className="bell__panel" hidden={!open}>
        <h2 className="bell__heading">{t('notifications.heading')}</h2>
        {failed && <p className="field-error">{t('notifications.failed')}</p>}
        {items.length === 0 ? (
          <p>{t('notifications.empty')}</p>
        ) : (
          <ul className="bell__list">
            {items.map((item) => (
              <li key={item.id} className={item.read ? 'bell__item' : 'bell__item bell__item--unread'}>
                <Link to={safeLink(item.link)} onClick={() => follow(item)}>
                  {!item.read && <span className="visually-hidden">{t('notifications.unreadPrefix')} </span>}
                  <bdi>{item.text ?? t('notifications.newMaterial', { space: item.spaceName ?? '' })}</bdi>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {unread > 0 && (
          <button type="button" className="button button--secondary" onClick={markAll}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
    </div>
  );
}
