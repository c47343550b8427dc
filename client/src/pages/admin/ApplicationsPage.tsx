/**
 * Membership applications: pending first, each with the city, its contact, the pledge and the
 * message; admins approve (choosing the new city's hub and slug) or decline with a reason.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { useHubs } from '../../hooks/useHubs.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { change, type ApplicationView } from './adminApi.js';
import { useChange } from './useChange.js';
import type { Page } from '../../types.js';

const STATUSES = ['pending', 'approved', 'declined'] as const;

/** The decision form of one pending application; `onDecided` says the outcome (the item then leaves the list). */
function DecisionForm({
  application,
  onDecided,
}: {
  application: ApplicationView;
  onDecided: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const hubs = useHubs();
  const [hub, setHub] = useState(application.city.hub ?? '');
  const [slug, setSlug] = useState('');
  const [reason, setReason] = useState('');
  const { sending, error, run } = useChange();
  const id = application.id;
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';

  const decide = (decision: 'approve' | 'decline') => async (event: FormEvent) => {
    event.preventDefault();
    const body =
      decision === 'approve'
        ? { decision, ...(hub ? { hub } : {}), ...(slug ? { slug } : {}), ...(reason ? { reason } : {}) }
        : { decision, reason };
    const text = t(decision === 'approve' ? 'admin.applications.approved' : 'admin.applications.declined');
    const decided = await run(
      () => change('POST', `/applications/${id}/decision`, body, '/applications'),
      text,
    );
    if (decided) onDecided(text);
  };

  return (
    <div className="admin-decision">
      <FormAlert id={`decision-error-${id}`} message={error} />
      <form onSubmit={(event) => void decide('approve')(event)} className="admin-form">
        <div className="field">
          <label htmlFor={`hub-${id}`}>{t('admin.applications.hub')}</label>
          <select id={`hub-${id}`} value={hub} onChange={(event) => setHub(event.target.value)}>
            <option value="">{t('admin.applications.chooseHub')}</option>
            {hubs.state === 'ready' &&
              hubs.data.map((h) => (
                <option key={h.slug} value={h.slug}>
                  {h.name[language] ?? h.name.en}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`slug-${id}`}>
            {t('admin.applications.slug')}
            <span className="field__optional"> {t('form.optional')}</span>
          </label>
          <input id={`slug-${id}`} dir="ltr" value={slug} onChange={(event) => setSlug(event.target.value)} />
        </div>
        <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
          {t('admin.applications.approve')}
        </SubmitButton>
      </form>
      <form onSubmit={(event) => void decide('decline')(event)} className="admin-form">
        <div className="field">
          <label htmlFor={`reason-${id}`}>{t('admin.applications.reason')}</label>
          <input id={`reason-${id}`} value={reason} onChange={(event) => setReason(event.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" disabled={sending}>
          {t('admin.applications.decline')}
        </button>
      </form>
    </div>
  );
}

/** One application. */
function ApplicationItem({
  application,
  onDecided,
}: {
  application: ApplicationView;
  onDecided: (text: string) => void;
}) {
  const { t } = useTranslation();
  const headingId = `application-${application.id}`;
  return (
    <li>
      <article className="admin-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{application.city.name}</h3>
        <dl className="admin-facts">
          <dt>{t('admin.applications.status')}</dt>
          <dd>{t(`admin.applications.statuses.${application.status}`)}</dd>
          <dt>{t('admin.applications.country')}</dt>
          <dd>{application.city.country}</dd>
          <dt>{t('admin.applications.contact')}</dt>
          <dd>
            {application.contact.name}, {application.contact.position} (
            <span dir="ltr">{application.contact.email}</span>)
          </dd>
          <dt>{t('admin.applications.submitted')}</dt>
          <dd>{new Date(application.submittedAt).toLocaleDateString()}</dd>
          {application.message && (
            <>
              <dt>{t('admin.applications.message')}</dt>
              <dd>{application.message}</dd>
            </>
          )}
          {application.decision && (
            <>
              <dt>{t('admin.applications.decision')}</dt>
              <dd>
                {application.decision.by}
                {application.decision.reason ? `: ${application.decision.reason}` : ''}
                {application.decision.city ? ` (${application.decision.city})` : ''}
              </dd>
            </>
          )}
        </dl>
        {application.abilities?.decide && <DecisionForm application={application} onDecided={onDecided} />}
      </article>
    </li>
  );
}

/** The applications of one status. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.applications.title'));
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const list = useApiGet<Page<ApplicationView>>(`/applications?status=${status}&limit=50`);
  const [decided, setDecided] = useState('');
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.applications.title')}</h1>
      <div className="field admin-filter">
        <label htmlFor="application-status">{t('admin.applications.show')}</label>
        <select
          id="application-status"
          value={status}
          onChange={(event) => setStatus(event.target.value as (typeof STATUSES)[number])}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`admin.applications.statuses.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <StatusMessage>{list.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      <StatusMessage className="status admin-decided">{decided}</StatusMessage>
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p>{t('admin.applications.none')}</p>
        ) : (
          <ul className="admin-list">
            {list.data.items.map((a) => (
              <ApplicationItem key={a.id} application={a} onDecided={setDecided} />
            ))}
          </ul>
        ))}
    </section>
  );
}
