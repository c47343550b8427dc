/**
 * The triagers' matches of a request: the experts the server ranked (hard filters already applied),
 * each with the reasons in words, the offer already made to them, and a checkbox; the chosen experts
 * are offered the request for a number of hours.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { fetchMatches, makeOffers, requestKeys, type MatchView, type RequestView } from './requestsApi.js';
import { requestRefusal } from './requestRefusal.js';
import { useRequestWords } from './requestWords.js';

const MAX_OFFERS = 5;
const MAX_HOURS = 24 * 14;

/** The matches of `request` and the offer form. */
export function MatchesSection({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const queryClient = useQueryClient();
  const matches = useApiQuery(requestKeys.matches(request.id), (signal) => fetchMatches(request.id, signal));
  const [chosen, setChosen] = useState<string[]>([]);
  const [hours, setHours] = useState('72');
  const [hoursError, setHoursError] = useState<string | undefined>();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const h = Number(hours);
    if (!Number.isInteger(h) || h < 1 || h > MAX_HOURS) {
      setHoursError(t('requests.matches.hoursInvalid', { max: MAX_HOURS }));
      setAlert(alertMessage(t('requests.form.fix')));
      return;
    }
    setHoursError(undefined);
    if (chosen.length === 0 || chosen.length > MAX_OFFERS) {
      setAlert(alertMessage(t('requests.matches.chooseExperts', { max: MAX_OFFERS })));
      return;
    }
    setSending(true);
    setAlert(null);
    try {
      const made = await makeOffers(request.id, chosen, h);
      setChosen([]);
      setDone(t('requests.matches.offered', { n: made.items.length }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.matches(request.id) }),
        queryClient.invalidateQueries({ queryKey: requestKeys.one(request.id) }),
        queryClient.invalidateQueries({ queryKey: ['requests', 'list'] }),
      ]);
    } catch (error) {
      setAlert(alertMessage(requestRefusal(error, t, words)));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="request-matches-heading" className="request-section">
      <h2 id="request-matches-heading">{t('requests.matches.heading')}</h2>
      <p className="hint">{t('requests.matches.intro')}</p>
      <StatusMessage>{matches.state === 'loading' ? t('requests.loading') : done}</StatusMessage>
      {matches.state === 'error' && <LoadError error={matches.error} onRetry={matches.retry} />}
      {matches.state === 'ready' && matches.data.items.length === 0 && <p>{t('requests.matches.none')}</p>}
      {matches.state === 'ready' && matches.data.items.length > 0 && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FormAlert message={alert} id="request-offer-alert" />
          <fieldset className="fieldset">
            <legend>{t('requests.matches.legend')}</legend>
            <ol className="match-list">
              {matches.data.items.map((match) => (
                <MatchItem
                  key={match.expert.id}
                  match={match}
                  checked={chosen.includes(match.expert.id)}
                  onChange={(on) =>
                    setChosen((old) =>
                      on ? [...old, match.expert.id] : old.filter((e) => e !== match.expert.id),
                    )
                  }
                  words={words}
                />
              ))}
            </ol>
          </fieldset>
          <FormField
            id="request-offer-hours"
            label={t('requests.matches.hours')}
            hint={t('requests.matches.hoursHint', { max: MAX_HOURS })}
            error={hoursError}
            required
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_HOURS}
                value={hours}
                onChange={(e) => setHours(e.target.value)}
              />
            )}
          </FormField>
          <SubmitButton sending={sending} busyLabel={t('requests.matches.offering')}>
            {t('requests.matches.offer')}
          </SubmitButton>
        </form>
      )}
    </section>
  );
}

function MatchItem({
  match,
  checked,
  onChange,
  words,
}: {
  match: MatchView;
  checked: boolean;
  onChange: (checked: boolean) => void;
  words: ReturnType<typeof useRequestWords>;
}) {
  const { t } = useTranslation();
  const id = `match-${match.expert.id}`;
  // A request is offered to an expert once (the server refuses a second offer, whatever became of the first).
  const taken = match.offer !== null;
  return (
    <li className="match-item">
      <div className="checkbox">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          disabled={taken}
          aria-describedby={`${id}-reasons`}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>
          {t('requests.matches.rank', { rank: match.rank })} <bdi>{match.expert.name}</bdi>
        </label>
      </div>
      <div id={`${id}-reasons`} className="match-item__details">
        <p className="request-card__meta">
          <span>{t('requests.matches.score', { score: Math.round(match.score * 10) / 10 })}</span>
          {match.expert.verified && <span>{t('requests.matches.verified')}</span>}
          {match.offer && (
            <span>{t('requests.matches.offerState', { state: words.offerState(match.offer.state) })}</span>
          )}
        </p>
        <ul className="match-reasons">
          {match.reasons.map((reason, index) => (
            <li key={`${reason.code}-${index}`}>{words.reason(reason, match)}</li>
          ))}
        </ul>
      </div>
    </li>
  );
}
