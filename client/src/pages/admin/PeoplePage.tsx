/**
 * People and roles: the people of a city (or everyone, for admins), each with their roles, changed
 * where the person's abilities allow, and their account suspended or activated with a reason; an
 * invitation already sent can be sent again; admins invite
 * experts and staff to local accounts.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import type { Page } from '../../types.js';
import { change, type AdminCityView, type AdminPersonView } from './adminApi.js';
import { InviteForm } from './InviteForm.js';
import { useChange } from './useChange.js';

/** Suspends an active person or activates a suspended one, with a reason for the audit log. */
function StatusControl({ person }: { person: AdminPersonView }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { sending, error, done, run } = useChange();
  const next = person.status === 'suspended' ? 'active' : 'suspended';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(
      () => change('POST', `/people/${person.id}/status`, { status: next, reason }, '/people'),
      t('admin.people.statusSaved'),
    );
  };
  return (
    <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert id={`person-status-error-${person.id}`} message={error} />
      <div className="field">
        <label htmlFor={`person-reason-${person.id}`}>{t('admin.people.statusReason')}</label>
        <input
          id={`person-reason-${person.id}`}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
        {t(next === 'suspended' ? 'admin.people.suspend' : 'admin.people.activate')}
      </SubmitButton>
      <StatusMessage>{done}</StatusMessage>
    </form>
  );
}

/** One person: roles (editable with `setRoles`), and "send the invitation again" when invited. */
function PersonItem({ person }: { person: AdminPersonView }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>([...person.roles]);
  const { sending, error, done, run } = useChange();
  const abilities = person.abilities;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(
      () => change('PUT', `/people/${person.id}/roles`, { roles }, '/people'),
      t('admin.people.rolesSaved'),
    );
  };
  const invite = () =>
    void run(
      () => postWithCsrf('/auth/invitations', { personId: person.id }),
      t('admin.people.invitationSent'),
    );
  const headingId = `person-${person.id}`;
  return (
    <li>
      <article className="admin-card" aria-labelledby={headingId}>
        <h2 id={headingId}>{person.name}</h2>
        <dl className="admin-facts">
          {person.email && (
            <>
              <dt>{t('admin.people.email')}</dt>
              <dd dir="ltr">{person.email}</dd>
            </>
          )}
          <dt>{t('admin.people.status')}</dt>
          <dd>{t(`admin.people.statuses.${person.status}`)}</dd>
          <dt>{t('admin.people.roles')}</dt>
          <dd>{person.roles.map((r) => t(`admin.roles.${r}`)).join(', ')}</dd>
        </dl>
        <FormAlert id={`person-error-${person.id}`} message={error} />
        {abilities?.setRoles && (
          <form className="admin-form" onSubmit={(event) => void save(event)} noValidate>
            <fieldset>
              <legend>{t('admin.people.rolesOf', { name: person.name })}</legend>
              <div className="admin-checkboxes">
                {ROLES.map((role) => (
                  <div className="checkbox" key={role}>
                    <input
                      id={`role-${person.id}-${role}`}
                      type="checkbox"
                      checked={roles.includes(role)}
                      onChange={(event) =>
                        setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                      }
                    />
                    <label htmlFor={`role-${person.id}-${role}`}>{t(`admin.roles.${role}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
              {t('admin.people.saveRoles')}
            </SubmitButton>
          </form>
        )}
        {abilities?.setStatus && person.status !== 'invited' && <StatusControl person={person} />}
        {abilities?.invite && person.status === 'invited' && (
          <button type="button" className="button button--secondary" disabled={sending} onClick={invite}>
            {t('admin.people.sendAgain')}
          </button>
        )}
        <StatusMessage>{done}</StatusMessage>
      </article>
    </li>
  );
}

/** The people of the chosen city, and the invitation form. */
export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.people.title'));
  const cities = useApiGet<Page<AdminCityView>>('/cities?limit=100');
  const [city, setCity] = useState('');
  const people = useApiGet<Page<AdminPersonView>>(`/people?limit=100${city ? `&city=${city}` : ''}`);
  const managed = cities.state === 'ready' ? cities.data.items.filter((c) => c.abilities?.focalPoints) : [];
  const canInvite = people.state === 'ready' && people.data.items.some((p) => p.abilities?.invite);
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.people.title')}</h1>
      <div className="field admin-filter">
        <label htmlFor="people-city">{t('admin.people.city')}</label>
        <select id="people-city" value={city} onChange={(event) => setCity(event.target.value)}>
          <option value="">{t('admin.people.everyone')}</option>
          {managed.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <StatusMessage>{people.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {people.state === 'error' && <LoadError error={people.error} onRetry={people.retry} />}
      {people.state === 'ready' && (
        <ul className="admin-list">
          {people.data.items.map((p) => (
            <PersonItem key={`${p.id}-${p.roles.join()}-${p.status}`} person={p} />
          ))}
        </ul>
      )}
      {canInvite && <InviteForm />}
    </section>
  );
}
