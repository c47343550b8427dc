/**
 * A message of mine the server has not acknowledged yet: its text (never HTML: it is not sanitised),
 * where it stands (sending, waiting for the connection, refused and why), and Retry / Discard when it
 * was refused. Retry sends it again with the same client id.
 */
import { useTranslation } from 'react-i18next';
import { discardMessage, retryMessage, type OutboxItem } from '../../realtime/outbox.js';
import { ackRefusal } from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { LabelBadge } from '../../components/LabelBadge.js';

/** Shows one outbox item. */
export function PendingMessage({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const refusal = item.status === 'failed' ? ackRefusal(item.error ?? { code: 'internal' }, t) : null;
  const status = refusal ? (
    <RefusalText refusal={{ ...refusal, text: t('rooms.pending.failed', { reason: refusal.text }) }} />
  ) : item.status === 'sending' ? (
    t('rooms.pending.sending')
  ) : (
    t('rooms.pending.waiting')
  );
  return (
    <article className={`message message--pending message--${item.status}`} data-client-id={item.clientId}>
      <p className="message__meta">
        <LabelBadge label={item.label} /> <span className="message__status">{status}</span>
      </p>
      <p className="message__body message__body--plain" dir="auto">
        {item.body}
      </p>
      {item.status === 'failed' && (
        <div className="message__actions">
          <button type="button" className="button" onClick={() => retryMessage(item.clientId)}>
            {t('rooms.pending.retry')}
          </button>{' '}
          <button
            type="button"
            className="button button--secondary"
            onClick={() => discardMessage(item.clientId)}
          >
            {t('rooms.pending.discard')}
          </button>
        </div>
      )}
    </article>
  );
}
