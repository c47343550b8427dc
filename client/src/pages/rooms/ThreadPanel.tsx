/**
 * A thread beside the room: the first message, its replies and a composer that replies in the
 * thread. Focus moves to the panel's heading when it opens; Escape or "Close" closes it and focus
 * returns to the button that opened it.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDelivery, RoomSummary, RoomAbilities } from '../../../../shared/events.js';
import type { OutboxItem } from '../../realtime/outbox.js';
import { Composer } from './Composer.js';
import { MessageItem, type MessageActions } from './MessageItem.js';
import { MessageList } from './MessageList.js';

/** Props of {@link ThreadPanel}. */
export interface ThreadPanelProps {
  room: RoomSummary;
  root: MessageDelivery;
  replies: MessageDelivery[] | undefined;
  pending: readonly OutboxItem[];
  me: string;
  /** What the reader may do to other people's messages (the server's room abilities). */
  abilities: RoomAbilities;
  actions: MessageActions;
  onClose: () => void;
}

/** The open thread. */
export function ThreadPanel({
  room,
  root,
  replies,
  pending,
  me,
  abilities,
  actions,
  onClose,
}: ThreadPanelProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [root.id]);

  return (
    <aside
      className="thread-panel"
      aria-labelledby="thread-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="thread-panel__head">
        <h2 id="thread-heading" ref={heading} tabIndex={-1}>
          {t('rooms.thread.heading')}
        </h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('rooms.thread.close')}
        </button>
      </div>
      <MessageItem
        message={root}
        me={me}
        abilities={abilities}
        readBy={[]}
        actions={actions}
        threads={false}
      />
      {replies === undefined ? (
        <p role="status">{t('rooms.thread.loading')}</p>
      ) : (
        <MessageList
          label={t('rooms.thread.repliesLabel')}
          messages={replies}
          pending={pending}
          me={me}
          abilities={abilities}
          readers={() => []}
          actions={actions}
          threads={false}
        />
      )}
      <Composer
        key={`${root.id}-${root.label}`}
        room={room}
        threadId={root.id}
        floor={root.label}
        idPrefix="thread-composer"
      />
    </aside>
  );
}
