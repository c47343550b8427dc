/**
 * /offers: the requests offered to the signed-in expert. Before accepting, an offer shows only the
 * sanitised summary the server sends (topics, languages, region, formats, urgency, deadline, label;
 * the title only for CLEAR and GREEN): never the city or the text. Accept, or decline with an
 * optional reason; an accepted offer links to its request.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { ConfirmActions } from './ConfirmActions.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { acceptOffer, declineOffer, fetchOffers, requestKeys, type OfferView } from './requestsApi.js';
import { requestRefusal } from './requestRefusal.js';
import { NoteField } from './NoteField.js';
import { RequestFacts, type RequestFact } from './RequestFacts.js';
import { useRequestWords } from './requestWords.js';

/** The page. */
export function OffersPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.offers.heading'));
  const offers = useApiQuery(requestKeys.offers(), fetchOffers);
  const [done, setDone] = useState('');
  return (
    <section className="requests-page">
      <h1>{t('requests.offers.heading')}</h1>
      <p className="lead">{t('requests.offers.intro')}</p>
      <StatusMessage>{offers.state === 'loading' ? t('requests.loading') : done}</StatusMessage>
      {offers.state === 'error' && <LoadError error={offers.error} onRetry={offers.retry} />}
      {offers.state === 'ready' && offers.data.items.length === 0 && <p>{t('requests.offers.none')}</p>}
      {offers.state === 'ready' && offers.data.items.length > 0 && (
        <ul className="request-list">
          {offers.data.items.map((offer) => (
            <OfferCard key={offer.id} offer={offer} onDone={setDone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OfferCard({ offer, onDone }: { offer: OfferView; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const words = useRequestWords();
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const { summary } = offer;
  const headingId = `offer-${offer.id}-heading`;
  const none = t('requests.request.none');

  const act = async (action: 'accept' | 'decline') => {
    setSending(true);
    setAlert(null);
    try {
      const updated =
        action === 'accept' ? await acceptOffer(offer.id) : await declineOffer(offer.id, reason);
      queryClient.setQueryData<{ items: OfferView[] }>(requestKeys.offers(), (cached) =>
        cached ? { items: cached.items.map((o) => (o.id === updated.id ? updated : o)) } : cached,
      );
      void queryClient.invalidateQueries({ queryKey: requestKeys.offers() });
      void queryClient.invalidateQueries({ queryKey: ['requests', 'list'] });
      setDeclining(false);
      onDone(t(action === 'accept' ? 'requests.offers.accepted' : 'requests.offers.declined'));
    } catch (error) {
      setAlert(alertMessage(requestRefusal(error, t, words)));
      // The offer may have run out or been withdrawn meanwhile: show where it stands now.
      void queryClient.invalidateQueries({ queryKey: requestKeys.offers() });
    } finally {
      setSending(false);
    }
  };

  const facts: RequestFact[] = [
    { key: 'topics', value: words.list(summary.topics.map(words.topic)) || none },
    { key: 'languages', value: words.list(summary.languages.map(words.languageName)) || none },
    { key: 'region', value: summary.region ? words.region(summary.region) : none },
    { key: 'formats', value: words.list(summary.formats.map(words.format)) || none },
    { key: 'urgency', value: words.urgency(summary.urgency) },
    { key: 'deadline', value: summary.deadline ? words.day(summary.deadline) : none },
  ];
  return (
    <li className="request-card">
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="request-card__title">
          {summary.title ? <bdi>{summary.title}</bdi> : t('requests.offers.untitled')}
        </h2>
        <p className="request-card__meta">
          <LabelBadge label={summary.label} />
          <span>
            {t('requests.offers.state')}: {words.offerState(offer.state)}
          </span>
          {offer.state === 'pending' && (
            <span>
              {t('requests.offers.timeLeft')}:{' '}
              <time dateTime={offer.expiresAt}>{words.timeLeft(offer.expiresAt)}</time>
            </span>
          )}
        </p>
        {!summary.title && <p className="hint">{t('requests.offers.sanitised')}</p>}
        <RequestFacts facts={facts} />
        <FormAlert message={alert} id={`offer-${offer.id}-alert`} />
        {offer.requestId && (
          <p>
            <Link to={`/requests/${offer.requestId}`} className="button">
              {t('requests.offers.openRequest')}
            </Link>
          </p>
        )}
        {offer.state === 'pending' && !declining && (
          <div className="request-actions">
            <button type="button" className="button" disabled={sending} onClick={() => void act('accept')}>
              {t('requests.offers.accept')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={sending}
              onClick={() => setDeclining(true)}
            >
              {t('requests.offers.decline')}
            </button>
          </div>
        )}
        {offer.state === 'pending' && declining && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act('decline');
            }}
          >
            <NoteField
              id={`offer-${offer.id}-reason`}
              label={t('requests.offers.reason')}
              maxLength={1000}
              value={reason}
              onChange={setReason}
            />
            <ConfirmActions
              confirmLabel={t('requests.offers.confirmDecline')}
              cancelLabel={t('requests.offers.keep')}
              sending={sending}
              onCancel={() => setDeclining(false)}
            />
          </form>
        )}
      </article>
    </li>
  );
}
