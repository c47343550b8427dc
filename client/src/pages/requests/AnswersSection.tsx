/**
 * The experts' answers on a request's page: the messages its accepted experts wrote in the request's
 * room (read from the room, for its members), the accepted one marked, and "Accept this answer" for
 * those the server lets accept (the requester, the request's moderators).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { acceptAnswer, fetchRoomMessages, requestKeys, type RequestView } from './requestsApi.js';
import { requestRefusal } from './requestRefusal.js';
import { useRequestWords } from './requestWords.js';

/** The answers of `request` (shown once an expert joined and the reader takes part in the room). */
export function AnswersSection({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const queryClient = useQueryClient();
  const messages = useApiQuery(requestKeys.answers(request.id), (signal) =>
    fetchRoomMessages(request.roomId, signal),
  );
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [done, setDone] = useState('');
  const [sending, setSending] = useState(false);
  const experts = new Set(request.experts.map((e) => e.id));

  const accept = async (messageId: string) => {
    setSending(true);
    setAlert(null);
    try {
      queryClient.setQueryData(requestKeys.one(request.id), await acceptAnswer(request.id, messageId));
      setDone(t('requests.answers.accepted'));
    } catch (error) {
      setAlert(alertMessage(requestRefusal(error, t, words)));
    } finally {
      setSending(false);
    }
  };

  const answers =
    messages.state === 'ready'
      ? messages.data.items.filter((m) => m.threadId === null && m.author && experts.has(m.author.id))
      : [];
  return (
    <section aria-labelledby="request-answers-heading" className="request-section">
      <h2 id="request-answers-heading">{t('requests.answers.heading')}</h2>
      <StatusMessage>{done}</StatusMessage>
      <FormAlert message={alert} id="request-answers-alert" />
      {messages.state === 'loading' && <StatusMessage>{t('requests.loading')}</StatusMessage>}
      {messages.state === 'error' && <LoadError error={messages.error} onRetry={messages.retry} />}
      {messages.state === 'ready' && answers.length === 0 && <p>{t('requests.answers.none')}</p>}
      {answers.length > 0 && (
        <ol className="request-answers">
          {answers.map((m) => {
            const chosen = request.acceptedAnswerId === m.id;
            return (
              <li
                key={m.id}
                className={chosen ? 'request-answer request-answer--accepted' : 'request-answer'}
              >
                {chosen && <strong>{t('requests.answers.acceptedMark')}</strong>}
                <p className="request-text" dir="auto">
                  {m.body}
                </p>
                <p className="request-history__meta">
                  <bdi>{m.author?.name}</bdi>
                  {' · '}
                  <time dateTime={m.createdAt}>{words.dateTime(m.createdAt)}</time>
                </p>
                {request.abilities.acceptAnswer && !chosen && (
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={sending}
                    onClick={() => void accept(m.id)}
                  >
                    {t('requests.answers.accept')}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
