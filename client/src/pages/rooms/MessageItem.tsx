/**
 * One message: author, time, label badge, the body, and what can be done with it (reply in a thread,
 * react, edit or delete one's own; delete or quarantine anyone's, and flag other people's messages for the
 * moderators, where the server's room abilities allow it — the client decides nothing about roles). The body is the server's sanitised HTML — the only HTML the
 * client ever inserts, because the server rendered the Markdown and removed everything unsafe;
 * everything else is text.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDelivery, RoomAbilities } from '../../../../shared/events.js';
import { regionalLocale } from '../../format.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { Reactions } from './Reactions.js';
import { MessageFlagForm } from '../moderation/MessageFlagForm.js';
import { useModerationStrings } from '../moderation/useModerationStrings.js';
import { AttachmentList } from '../documents/AttachmentList.js';

/** What a message's buttons do; each resolves with an ack error code, or null on success. */
export interface MessageActions {
  edit: (messageId: string, body: string) => Promise<string | null>;
  remove: (messageId: string) => Promise<string | null>;
  quarantine: (messageId: string, reason: string) => Promise<string | null>;
  react: (messageId: string, emoji: string, add: boolean) => void;
  openThread: (message: MessageDelivery, opener: HTMLElement) => void;
}

/** Props of {@link MessageItem}. */
export interface MessageItemProps {
  message: MessageDelivery;
  me: string;
  /** What the reader may do to other people's messages here, as the server decided. */
  abilities: RoomAbilities;
  /** Names of others whose read marker is on this message. */
  readBy: string[];
  actions: MessageActions;
  /** False inside the thread panel (no thread of a thread). */
  threads: boolean;
}

/** Formats an ISO time as a short local time (with the date when not today). */
function when(iso: string, language: string): string {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(regionalLocale(language), {
    ...(today ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
  }).format(date);
}

/** Renders a message with its actions. */
export function MessageItem({ message, me, abilities, readBy, actions, threads }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'view' | 'edit' | 'confirmDelete' | 'quarantine' | 'flag'>('view');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState(message.body);
  const [busy, setBusy] = useState(false);
  const own = message.author?.id === me;
  const flagStrings = useModerationStrings();
  const mayFlag = abilities.flag && !own && message.state === 'visible' && flagStrings;
  const editId = `edit-${message.id}`;

  const saveEdit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!draft.trim() || busy) return;
    setBusy(true);
    const error = await actions.edit(message.id, draft.trim());
    setBusy(false);
    if (!error) setMode('view');
  };
  const editKeys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') setMode('view');
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void saveEdit();
    }
  };
  const confirmDelete = async () => {
    setBusy(true);
    const error = await actions.remove(message.id);
    setBusy(false);
    if (error) setMode('view');
  };
  const quarantineId = `quarantine-${message.id}`;
  const confirmQuarantine = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim() || busy) return;
    setBusy(true);
    const error = await actions.quarantine(message.id, reason.trim());
    setBusy(false);
    if (error) setMode('view');
  };

  return (
    <article className="message" aria-labelledby={`message-${message.id}-meta`} data-message-id={message.id}>
      <p className="message__meta" id={`message-${message.id}-meta`}>
        <strong className="message__author">
          <bdi>{message.author?.name ?? t('rooms.someone')}</bdi>
        </strong>{' '}
        <time dateTime={message.createdAt}>{when(message.createdAt, i18n.language)}</time>{' '}
        <LabelBadge label={message.label} />
        {message.editedAt && <span className="message__edited"> {t('rooms.message.edited')}</span>}
      </p>
      {mode === 'edit' ? (
        <form className="message__edit" onSubmit={(event) => void saveEdit(event)}>
          <label htmlFor={editId}>{t('rooms.message.editLabel')}</label>
          <textarea
            id={editId}
            dir="auto"
            rows={2}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={editKeys}
          />
          <button type="submit" className="button" disabled={busy}>
            {t('rooms.message.save')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
            {t('rooms.message.cancel')}
          </button>
        </form>
      ) : (
        <div
          className="message__body"
          dir="auto"
          lang={message.language ?? undefined}
          // Sanitised by the server (Markdown rendered without raw HTML, safe links only).
          dangerouslySetInnerHTML={{ __html: message.html }}
        />
      )}
      <AttachmentList attachments={message.attachments} />
      <Reactions
        messageId={message.id}
        reactions={message.reactions}
        me={me}
        onToggle={(emoji, add) => actions.react(message.id, emoji, add)}
      />
      <div className="message__actions">
        {threads && (
          <button
            type="button"
            className="link-button"
            onClick={(event) => actions.openThread(message, event.currentTarget)}
          >
            {message.replyCount > 0
              ? t('rooms.thread.replies', { n: message.replyCount })
              : t('rooms.thread.reply')}
          </button>
        )}
        {own && mode === 'view' && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setDraft(message.body);
              setMode('edit');
            }}
          >
            {t('rooms.message.edit')}
          </button>
        )}
        {(own || abilities.deleteAny) && mode === 'view' && (
          <button type="button" className="link-button" onClick={() => setMode('confirmDelete')}>
            {t('rooms.message.delete')}
          </button>
        )}
        {abilities.quarantine && mode === 'view' && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setReason('');
              setMode('quarantine');
            }}
          >
            {t('rooms.message.quarantine')}
          </button>
        )}
        {mayFlag && mode === 'view' && (
          <button type="button" className="link-button" onClick={() => setMode('flag')}>
            {t('moderation.flagMessage.open')}
          </button>
        )}
        {mode === 'quarantine' && (
          <form className="message__quarantine" onSubmit={(event) => void confirmQuarantine(event)}>
            <label htmlFor={quarantineId}>{t('rooms.message.quarantineReason')}</label>
            <input
              id={quarantineId}
              dir="auto"
              required
              maxLength={2000}
              value={reason}
              autoFocus
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setMode('view')}
            />{' '}
            <button type="submit" className="button" disabled={busy || !reason.trim()}>
              {t('rooms.message.quarantineConfirm')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
              {t('rooms.message.cancel')}
            </button>
          </form>
        )}
        {mode === 'confirmDelete' && (
          <span role="group" aria-label={t('rooms.message.confirmDelete')}>
            {t('rooms.message.confirmDelete')}{' '}
            <button
              type="button"
              className="button"
              autoFocus
              disabled={busy}
              onClick={() => void confirmDelete()}
            >
              {t('rooms.message.confirmYes')}
            </button>{' '}
            <button type="button" className="button button--secondary" onClick={() => setMode('view')}>
              {t('rooms.message.confirmNo')}
            </button>
          </span>
        )}
      </div>
      {mode === 'flag' && mayFlag && (
        <MessageFlagForm messageId={message.id} onDone={() => setMode('view')} />
      )}
      {readBy.length > 0 && (
        <p className="message__read">{t('rooms.readBy', { names: readBy.join(', ') })}</p>
      )}
    </article>
  );
}
