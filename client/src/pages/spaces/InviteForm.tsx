/**
 * Invite a person to a space (shown when the space's `abilities.invite` says so): a person and a role,
 * then the server's answer. The policy decides who can be invited; its refusal (a practitioner to a
 * leaders-only room, someone already invited) is said in the reader's language above the form.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { fetchPeople, invite, spaceKeys, type SpaceView } from './spacesApi.js';

/** The invitation form of `space`. */
export function InviteForm({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  const people = useApiQuery(spaceKeys.people(), fetchPeople, { staleTime: 60_000 });
  const [person, setPerson] = useState('');
  const [role, setRole] = useState<'member' | 'moderator'>('member');
  const [personError, setPersonError] = useState<string | undefined>();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    if (!person) {
      setPersonError(t('spaces.invite.personMissing'));
      setAlert(alertMessage(t('spaces.invite.personMissing')));
      return;
    }
    setPersonError(undefined);
    setSending(true);
    try {
      const sent = await invite(space.slug, person, role);
      await queryClient.invalidateQueries({ queryKey: spaceKeys.invitations(space.slug) });
      setAlert(null);
      setStatus(t('spaces.invite.sent', { person: sent.person.name ?? '' }));
      setPerson('');
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };

  return (
    <section aria-labelledby="invite-heading" className="space-section">
      <h2 id="invite-heading">{t('spaces.invite.heading')}</h2>
      {space.leadersOnly && <p className="hint">{t('spaces.invite.leadersOnlyHint')}</p>}
      {people.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {people.state === 'error' && <LoadError error={people.error} onRetry={people.retry} />}
      {people.state === 'ready' && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <FormAlert message={alert} id="invite-alert" />
          <FormField id="invite-person" label={t('spaces.invite.person')} error={personError} required>
            {(control) => (
              <select {...control} value={person} onChange={(e) => setPerson(e.target.value)}>
                <option value="">{t('spaces.invite.choose')}</option>
                {people.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.city ? `${p.name} (${p.city})` : p.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            id="invite-role"
            label={t('spaces.invite.role')}
            hint={t('spaces.invite.roleHint')}
            required
          >
            {(control) => (
              <select
                {...control}
                value={role}
                onChange={(e) => setRole(e.target.value as 'member' | 'moderator')}
              >
                <option value="member">{t('spaces.roles.member')}</option>
                <option value="moderator">{t('spaces.roles.moderator')}</option>
              </select>
            )}
          </FormField>
          <SubmitButton sending={sending} busyLabel={t('spaces.invite.sending')}>
            {t('spaces.invite.submit')}
          </SubmitButton>
          <StatusMessage>{status}</StatusMessage>
        </form>
      )}
    </section>
  );
}
