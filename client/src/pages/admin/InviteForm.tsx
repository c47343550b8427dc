/**
 * Invites an expert, a partner observer or Management Unit staff to a local account: the person is
 * created (status "invited") and sent the single-use link to set a password, the same service the
 * admin command line uses.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { postWithCsrf } from '../../auth/csrf.js';
import { FormAlert } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import type { Role } from '../../../../shared/roles.js';
import { change, refreshUnder, type AdminPersonView } from './adminApi.js';
import { useChange } from './useChange.js';

const INVITED_ROLES: Role[] = ['expert', 'partner_observer', 'moderator', 'admin'];

/** The invitation form. */
export function InviteForm() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [roles, setRoles] = useState<Role[]>(['expert']);
  const { sending, error, done, run } = useChange();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(
      async () => {
        const person = await change<AdminPersonView>(
          'POST',
          '/people',
          { name, email, organisation, roles, status: 'invited' },
          '/people',
        );
        await postWithCsrf('/auth/invitations', { personId: person.id });
        await refreshUnder('/people');
        return person;
      },
      t('admin.people.invited', { email }),
    );
    if (ok) {
      setName('');
      setEmail('');
      setOrganisation('');
    }
  };
  return (
    <section className="admin-panel" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('admin.people.invite')}</h2>
      <p>{t('admin.people.inviteIntro')}</p>
      <FormAlert id="invite-error" message={error} />
      <form className="admin-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormField id="invite-name" label={t('admin.people.name')} required>
          {(control) => <input {...control} value={name} onChange={(event) => setName(event.target.value)} />}
        </FormField>
        <FormField id="invite-email" label={t('admin.people.email')} required>
          {(control) => (
            <input
              {...control}
              type="email"
              dir="ltr"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </FormField>
        <FormField id="invite-organisation" label={t('admin.people.organisation')} required>
          {(control) => (
            <input
              {...control}
              value={organisation}
              onChange={(event) => setOrganisation(event.target.value)}
            />
          )}
        </FormField>
        <fieldset>
          <legend>{t('admin.people.roles')}</legend>
          {INVITED_ROLES.map((role) => (
            <div className="checkbox" key={role}>
              <input
                id={`invite-role-${role}`}
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) =>
                  setRoles(event.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                }
              />
              <label htmlFor={`invite-role-${role}`}>{t(`admin.roles.${role}`)}</label>
            </div>
          ))}
        </fieldset>
        <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
          {t('admin.people.sendInvitation')}
        </SubmitButton>
      </form>
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
