/**
 * The messages of a room or thread, oldest first, with "Load earlier messages" at the top, my
 * unacknowledged messages at the bottom, and a marker at the end: when it is on screen (and the tab
 * is visible) the newest message counts as read. The list stays at the bottom as messages arrive
 * unless the reader scrolled up, and keeps its place when earlier messages are added above.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDelivery, RoomAbilities } from '../../../../shared/events.js';
import type { OutboxItem } from '../../realtime/outbox.js';
import { MessageItem, type MessageActions } from './MessageItem.js';
import { PendingMessage } from './PendingMessage.js';

/** Props of {@link MessageList}. */
export interface MessageListProps {
  label: string;
  messages: MessageDelivery[];
  pending: readonly OutboxItem[];
  me: string;
  /** What the reader may do to other people's messages (the server's room abilities). */
  abilities: RoomAbilities;
  readers: (messageId: string) => string[];
  actions: MessageActions;
  threads: boolean;
  /** Present when older messages exist: reads the next older page. */
  loadEarlier?: (() => Promise<unknown>) | undefined;
  /** Called with the newest message id while the end of the list is visible. */
  onSeen?: ((messageId: string) => void) | undefined;
}

/** Renders the list. */
export function MessageList(props: MessageListProps) {
  const { t } = useTranslation();
  const { messages, pending, loadEarlier, onSeen } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  const [loading, setLoading] = useState(false);
  const stick = useRef(true);
  const anchor = useRef<{ first: string | undefined; height: number } | null>(null);
  const newest = messages.at(-1)?.id;

  // Keep the bottom in view for new messages; keep the reading position when a page is prepended.
  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const kept = anchor.current;
    if (kept && kept.first !== messages[0]?.id) {
      box.scrollTop += box.scrollHeight - kept.height;
      anchor.current = null;
    } else if (stick.current) box.scrollTop = box.scrollHeight;
  }, [messages, pending]);

  useEffect(() => {
    const target = end.current;
    if (!target || !newest || !onSeen) return;
    const seeIfVisible = (visible: boolean) => {
      if (visible && document.visibilityState === 'visible') onSeen(newest);
    };
    let visible = false;
    const observer = new IntersectionObserver((entries) => {
      visible = entries.some((entry) => entry.isIntersecting);
      seeIfVisible(visible);
    });
    observer.observe(target);
    const onVisibility = () => seeIfVisible(visible);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      observer.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [newest, onSeen]);

  const earlier = async () => {
    if (!loadEarlier || !scroller.current) return;
    anchor.current = { first: messages[0]?.id, height: scroller.current.scrollHeight };
    setLoading(true);
    await loadEarlier();
    setLoading(false);
  };

  return (
    <div
      className="message-list"
      ref={scroller}
      tabIndex={0}
      role="region"
      aria-label={props.label}
      onScroll={(event) => {
        const box = event.currentTarget;
        stick.current = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
      }}
    >
      {loadEarlier && (
        <p className="message-list__earlier">
          <button
            type="button"
            className="button button--secondary"
            disabled={loading}
            onClick={() => void earlier()}
          >
            {loading ? t('rooms.loadingEarlier') : t('rooms.loadEarlier')}
          </button>
        </p>
      )}
      {messages.length === 0 && pending.length === 0 && (
        <p className="message-list__empty">{t('rooms.empty')}</p>
      )}
      <ol className="message-list__items">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageItem
              message={message}
              me={props.me}
              abilities={props.abilities}
              readBy={props.readers(message.id)}
              actions={props.actions}
              threads={props.threads}
            />
          </li>
        ))}
        {pending.map((item) => (
          <li key={item.clientId}>
            <PendingMessage item={item} />
          </li>
        ))}
      </ol>
      <div ref={end} className="message-list__end" />
    </div>
  );
}
