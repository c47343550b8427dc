/**
 * /requests/:id: one request as its reader may see it — the facts, the experts, the history of its
 * states (who, when, with what note) — with the moves the server says the reader may make (each
 * with an optional note; withdrawal asks first), the link to the request's room when it is open to
 * them, and for triagers the ranked matches to offer the request to.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestState } from '../../../../shared/policy/requestWorkflow.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { ConfirmActions } from './ConfirmActions.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { AnswersSection } from './AnswersSection.js';
import { MatchesSection } from './MatchesSection.js';
import { fetchRequest, moveRequest, requestKeys, type RequestView } from './requestsApi.js';
import { requestRefusal } from './requestRefusal.js';
import { NoteField } from './NoteField.js';
import { RequestFacts, type RequestFact } from './RequestFacts.js';
import { useRequestWords } from './requestWords.js';

/** The page of request `id`. */
export function RequestPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const request = useApiQuery(requestKeys.one(id), (signal) => fetchRequest(id, signal));
  usePageTitle(request.state === 'ready' ? request.data.title : t('requests.request.heading'));
  return (
    <section className="requests-page">
      <p className="breadcrumb">
        <Link to="/requests">{t('requests.list.heading')}</Link>
      </p>
      {request.state === 'loading' && (
        <>
          <h1>{t('requests.request.heading')}</h1>
          <StatusMessage>{t('requests.loading')}</StatusMessage>
        </>
      )}
      {request.state === 'error' && (
        <>
          <h1>{t('requests.request.heading')}</h1>
          <LoadError error={request.error} onRetry={request.retry} />
        </>
      )}
      {request.state === 'ready' && <RequestDetails request={request.data} />}
    </section>
  );
}

function RequestDetails({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const none = t('requests.request.none');
  const facts: RequestFact[] = [
    { key: 'state', value: words.state(request.state) },
    { key: 'city', value: request.city?.name ?? none },
    { key: 'requester', value: request.requester?.name ?? none },
    { key: 'topics', value: words.list(request.topics.map(words.topic)) || none },
    { key: 'formats', value: words.list(request.formats.map(words.format)) || none },
    { key: 'languages', value: words.list(request.languages.map(words.languageName)) || none },
    { key: 'urgency', value: words.urgency(request.urgency) },
    { key: 'deadline', value: request.deadline ? words.day(request.deadline) : none },
    { key: 'due', value: request.dueAt ? words.date(request.dueAt) : none },
    { key: 'experts', value: words.list(request.experts.map((e) => e.name)) || none },
    { key: 'created', value: words.dateTime(request.createdAt) },
  ];
  return (
    <article aria-labelledby="request-heading">
      <h1 id="request-heading">
        <bdi>{request.title}</bdi>
      </h1>
      <p className="request-card__meta">
        <LabelBadge label={request.label} />
        <span>{words.state(request.state)}</span>
        {request.overdue && <strong className="request-overdue">{t('requests.overdue')}</strong>}
      </p>
      {request.abilities.openRoom && (
        <p>
          <Link to={`/rooms/${request.roomId}`} className="button">
            {t('requests.request.openRoom')}
          </Link>
        </p>
      )}
      {request.abilities.draftLesson && (
        <p>
          <Link to={`/library/new?request=${request.id}`} className="button button--secondary">
            {t('requests.request.draftLesson')}
          </Link>
        </p>
      )}
      <RequestFacts facts={facts} />
      <section aria-labelledby="request-problem-heading">
        <h2 id="request-problem-heading">{t('requests.fields.problem')}</h2>
        <p className="request-text" dir="auto">
          {request.problem}
        </p>
      </section>
      {request.context && (
        <section aria-labelledby="request-context-heading">
          <h2 id="request-context-heading">{t('requests.fields.context')}</h2>
          <p className="request-text" dir="auto">
            {request.context}
          </p>
        </section>
      )}
      {request.experts.length > 0 && request.abilities.openRoom && <AnswersSection request={request} />}
      <Transitions request={request} />
      {request.abilities.match && <MatchesSection request={request} />}
      <History request={request} />
    </article>
  );
}

/** The moves the reader may make, with one optional note; withdrawal is confirmed first. */
function Transitions({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState<RequestState | null>(null);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [done, setDone] = useState('');
  const confirm = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);

  const move = async (to: RequestState) => {
    setSending(true);
    setAlert(null);
    try {
      const updated = await moveRequest(request.id, to, note);
      queryClient.setQueryData(requestKeys.one(request.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
      void queryClient.invalidateQueries({ queryKey: requestKeys.matches(request.id) });
      setNote('');
      setConfirming(null);
      setDone(t('requests.transitions.done', { state: words.state(updated.state) }));
    } catch (error) {
      setAlert(alertMessage(requestRefusal(error, t, words)));
      // Someone else may have moved it meanwhile: show where it stands now, with the moves left.
      void queryClient.invalidateQueries({ queryKey: requestKeys.one(request.id) });
    } finally {
      setSending(false);
    }
  };

  const moves = request.abilities.transitions;
  return (
    <section aria-labelledby="request-moves-heading" className="request-section">
      <h2 id="request-moves-heading">{t('requests.transitions.heading')}</h2>
      <StatusMessage>{done}</StatusMessage>
      <FormAlert message={alert} id="request-moves-alert" />
      {moves.length === 0 ? (
        <p>{t('requests.transitions.none')}</p>
      ) : (
        <>
          <NoteField
            id="request-move-note"
            label={t('requests.transitions.note')}
            hint={t('requests.transitions.noteHint')}
            maxLength={2000}
            value={note}
            onChange={setNote}
          />
          <div className="request-actions">
            {moves.map((to) => (
              <button
                key={to}
                type="button"
                className={to === 'withdrawn' ? 'button button--secondary' : 'button'}
                disabled={sending}
                onClick={() => (to === 'withdrawn' ? setConfirming(to) : void move(to))}
              >
                {t(`requests.transitions.to.${to}`)}
              </button>
            ))}
          </div>
          {confirming && (
            <div
              className="notice request-confirm"
              role="group"
              aria-labelledby="request-confirm-text"
              tabIndex={-1}
              ref={confirm}
            >
              <p id="request-confirm-text">{t('requests.transitions.confirmWithdraw')}</p>
              <ConfirmActions
                confirmLabel={t('requests.transitions.confirmYes')}
                cancelLabel={t('requests.transitions.confirmNo')}
                sending={sending}
                onConfirm={() => void move(confirming)}
                onCancel={() => setConfirming(null)}
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The states the request went through, oldest first. */
function History({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  return (
    <section aria-labelledby="request-history-heading" className="request-section">
      <h2 id="request-history-heading">{t('requests.history.heading')}</h2>
      {request.history.length === 0 ? (
        <p>{t('requests.history.none')}</p>
      ) : (
        <ol className="request-history">
          {request.history.map((entry, index) => (
            <li key={`${entry.at}-${index}`}>
              <p>
                <strong>
                  {entry.from
                    ? t('requests.history.moved', {
                        from: words.state(entry.from),
                        to: words.state(entry.to),
                      })
                    : t('requests.history.opened', { to: words.state(entry.to) })}
                </strong>
              </p>
              <p className="request-history__meta">
                <time dateTime={entry.at}>{words.dateTime(entry.at)}</time>
                {' · '}
                <bdi>{entry.by ?? t('requests.history.system')}</bdi>
              </p>
              {entry.note && (
                <p className="request-text" dir="auto">
                  {entry.note}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
