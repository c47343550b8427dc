/**
 * The header's notification bell (loaded on its own, with the socket, only for signed-in people): the
 * unread count in the button's name, a list that opens below it, "mark all as read", and new
 * notifications live from `notification:created` (all through the shared cache, useNotifications.ts),
 * announced politely. Escape closes the list and
 * returns focus to the bell.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router.js';
import { noticeText, safeLink, type BellItem } from './notificationsApi.js';
import { useNotifications } from './useNotifications.js';
import './notifications.css';

/** The bell and its list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useCallback(() => setAnnouncement(t('notifications.arrived')), [t]);
  const { items, unread, failed, markAll: markAllRead, markOne } = useNotifications(announce);

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
    if (items.length === 0) return;
    heading.current?.focus(); // the button is about to go: keep focus in the list
    markAllRead();
  };
  const follow = (item: BellItem) => {
    setOpen(false);
    markOne(item);
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
                  <bdi>
                    {item.notice
                      ? noticeText(item.notice, t)
                      : (item.text ?? t('notifications.newMaterial', { space: item.spaceName ?? '' }))}
                  </bdi>
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
