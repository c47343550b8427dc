/**
 * The header's notification bell (loaded on its own, with the socket, only for signed-in people): the
 * unread count in the button's name, a list that opens below it, "mark all as read", and new
 * notifications live from `notification:created`, announced politely. Escape closes the list and
 * returns focus to the bell.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationDelivery } from '../../../shared/events.js';
import { getSocket } from '../realtime/socket.js';
import { Link } from '../router.js';
import {
  fetchNotifications,
  fetchUnreadCount,
  fromDelivery,
  markAllNotificationsRead,
  markNotificationRead,
  safeLink,
  type BellItem,
} from './notificationsApi.js';
import './notifications.css';

/** The bell and its list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [items, setItems] = useState<BellItem[]>([]);
  const [unread, setUnread] = useState<{ count: number; capped: boolean }>({ count: 0, capped: false });
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    const failure = () => {
      if (!controller.signal.aborted) setFailed(true);
    };
    // Read the list and the count once the socket is accepted (the session is valid), and again
    // after every reconnection, so what arrived while offline is counted.
    const refresh = () => {
      setFailed(false);
      fetchNotifications(controller.signal).then(
        (list) => setItems((live) => [...live.filter((n) => !list.some((l) => l.id === n.id)), ...list]),
        failure,
      );
      fetchUnreadCount(controller.signal).then(setUnread, failure);
    };
    const socket = getSocket();
    const onCreated = (notification: NotificationDelivery) => {
      setItems((list) => [fromDelivery(notification), ...list.filter((n) => n.id !== notification.id)]);
      setUnread((live) => ({ ...live, count: live.count + 1 }));
      setAnnouncement(t('notifications.arrived'));
    };
    socket.on('notification:created', onCreated);
    socket.on('connect', refresh);
    if (socket.connected) refresh();
    return () => {
      controller.abort();
      socket.off('notification:created', onCreated);
      socket.off('connect', refresh);
    };
  }, [t]);

  // While the list is open, Escape anywhere closes it (focus may be on the page after a button went).
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const markAll = () => {
    const newest = items[0];
    if (!newest) return;
    heading.current?.focus(); // the button is about to go: keep focus in the list
    setItems((list) => list.map((item) => ({ ...item, read: true })));
    setUnread({ count: 0, capped: false });
    markAllNotificationsRead(newest.id).catch(() => setFailed(true));
  };
  const follow = (item: BellItem) => {
    setOpen(false);
    if (item.read) return;
    setItems((list) => list.map((n) => (n.id === item.id ? { ...n, read: true } : n)));
    setUnread((live) => ({ ...live, count: Math.max(0, live.count - 1) }));
    markNotificationRead(item.id).catch(() => setFailed(true));
  };
  const shown = unread.capped ? `${unread.count}+` : String(unread.count);

  return (
    <div className="bell">
      <button
        ref={button}
        type="button"
        className="bell__button"
        aria-expanded={open}
        aria-controls="bell-panel"
        onClick={() => setOpen(!open)}
      >
        <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
        </svg>
        <span className="bell__label">{t('notifications.button', { n: shown })}</span>
        {unread.count > 0 && (
          <span className="bell__count" aria-hidden="true">
            {shown}
          </span>
        )}
      </button>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div id="bell-panel" className="bell__panel" hidden={!open}>
        <h2 className="bell__heading" ref={heading} tabIndex={-1}>
          {t('notifications.heading')}
        </h2>
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
        {items.some((item) => !item.read) && (
          <button type="button" className="button button--secondary" onClick={markAll}>
            {t('notifications.markAll')}
          </button>
        )}
      </div>
    </div>
  );
}
