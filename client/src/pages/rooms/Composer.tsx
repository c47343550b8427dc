/**
 * The message composer: a labelled text area (Enter sends, Shift+Enter starts a new line), the label
 * picker bounded by the room's ceiling with the room's default preselected, and a send button. A
 * send goes to the outbox, which keeps it until the server acknowledges it. Typing is announced to
 * the room at most every few seconds, and "stopped" after a pause or a send. A thread's composer
 * offers no label below the thread's first message (the server refuses a reply below its root) and
 * preselects that label when it is above the room's default. Files are attached from the composer
 * (documents/ComposerAttachments.tsx): uploaded to the room's documents with the message's label, and
 * sent with the message once checked.
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LABELS, isAbove, labelRank, labelsUpTo, type Label } from '../../../../shared/policy/labels.js';
import type { RoomSummary } from '../../../../shared/events.js';
import { ComposerAttachments } from '../documents/ComposerAttachments.js';
import { useComposerAttachments } from '../documents/useComposerAttachments.js';
import { enqueueMessage } from '../../realtime/outbox.js';
import { request } from '../../realtime/socket.js';

const TYPING_EVERY_MS = 3_000;
const TYPING_IDLE_MS = 4_000;
/** The server's limit (MESSAGE_MAX_CHARS, characters) is authoritative; this only warns early. */
const MAX_CHARACTERS = 8_000;

function asLabel(value: string): Label {
  return (LABELS as readonly string[]).includes(value) ? (value as Label) : 'RED';
}

/** Props of {@link Composer}. */
export interface ComposerProps {
  room: RoomSummary;
  /** The thread the replies go to, or null for the room itself. */
  threadId: string | null;
  /** The label of the thread's first message: the lowest a reply may take. */
  floor?: string;
  /** Prefix of element ids (two composers may be on the page). */
  idPrefix: string;
}

/** The form that writes a message to `room` (or to a thread of it). */
export function Composer({ room, threadId, idPrefix, floor: rootLabel = 'CLEAR' }: ComposerProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const floor = asLabel(rootLabel);
  const roomDefault = asLabel(room.defaultLabel);
  const [label, setLabel] = useState<Label>(isAbove(floor, roomDefault) ? floor : roomDefault);
  const [error, setError] = useState<string | null>(null);
  const files = useComposerAttachments();
  const typingSentAt = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const labels = labelsUpTo(asLabel(room.ceiling)).filter((l) => labelRank(l) >= labelRank(floor));

  const stopTyping = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (typingSentAt.current !== 0) {
      typingSentAt.current = 0;
      void request('typing:set', { roomId: room.id, typing: false });
    }
  };
  // Leaving the page (or the thread) says "stopped typing".
  useEffect(() => () => stopTyping(), []);

  const typed = (value: string) => {
    setBody(value);
    setError(null);
    if (!value.trim()) return stopTyping();
    const now = Date.now();
    if (now - typingSentAt.current > TYPING_EVERY_MS) {
      typingSentAt.current = now;
      void request('typing:set', { roomId: room.id, typing: true });
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = () => {
    const text = body.trim();
    if (!text) return setError(t('rooms.composer.empty'));
    if ([...text].length > MAX_CHARACTERS) return setError(t('refusals.codes.too_large'));
    const held = files.holdBack(label, t);
    if (held) return setError(held);
    enqueueMessage({ roomId: room.id, threadId, body: text, label, attachments: files.ids });
    setBody('');
    if (files.ids.length > 0) files.reset();
    stopTyping();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  return (
    <form className="composer" onSubmit={submit} noValidate>
      <div className="composer__field">
        <label htmlFor={`${idPrefix}-body`}>
          {threadId ? t('rooms.composer.reply') : t('rooms.composer.message')}
        </label>
        <textarea
          id={`${idPrefix}-body`}
          rows={2}
          value={body}
          dir="auto"
          onChange={(event) => typed(event.target.value)}
          onKeyDown={keyDown}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error ? true : undefined}
        />
        <p id={hintId} className="hint">
          {t('rooms.composer.hint')}
        </p>
        <p id={errorId} className="field-error" aria-live="polite">
          {error}
        </p>
      </div>
      <div className="composer__actions">
        <label htmlFor={`${idPrefix}-label`}>{t('rooms.composer.label')}</label>
        <select
          id={`${idPrefix}-label`}
          value={label}
          onChange={(event) => setLabel(asLabel(event.target.value))}
        >
          {labels.map((option) => (
            <option key={option} value={option}>
              TLP:{option}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t('rooms.composer.send')}
        </button>
      </div>
      <ComposerAttachments files={files} spaceSlug={room.slug} label={label} idPrefix={idPrefix} />
    </form>
  );
}
