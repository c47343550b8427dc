/** A space's pending invitations: who was invited, by whom, as what; managers may withdraw one. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { fetchSpaceInvitations, revokeInvitation, spaceKeys, type SpaceView } from './spacesApi.js';

/** The pending invitations of `space`. */
export function PendingInvitations({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  const pending = useApiQuery(spaceKeys.invitations(space.slug), (signal) =>
    fetchSpaceInvitations(space.slug, signal),
  );
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');
  const revoke = async (id: string, person: string) => {
    try {
      await revokeInvitation(space.slug, id);
      await queryClient.invalidateQueries({ queryKey: spaceKeys.invitations(space.slug) });
      setStatus(t('spaces.pending.revoked', { person }));
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    }
  };
  const unknown = t('spaces.formerMember');
  return (
    <section aria-labelledby="pending-heading" className="space-section">
      <h2 id="pending-heading">{t('spaces.pending.heading')}</h2>
      <FormAlert message={alert} id="pending-alert" />
      <StatusMessage>{status}</StatusMessage>
      {pending.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {pending.state === 'error' && <LoadError error={pending.error} onRetry={pending.retry} />}
      {pending.state === 'ready' &&
        (pending.data.items.length === 0 ? (
          <p>{t('spaces.pending.none')}</p>
        ) : (
          <ul className="member-list" aria-label={t('spaces.pending.heading')}>
            {pending.data.items.map((invitation) => {
              const person = invitation.person.name ?? unknown;
              return (
                <li key={invitation.id}>
                  {t('spaces.pending.item', {
                    person,
                    by: invitation.invitedBy.name ?? unknown,
                    role: t(`spaces.roles.${invitation.role}`),
                  })}{' '}
                  {invitation.abilities.revoke && (
                    <button
                      type="button"
                      className="button button--secondary"
                      onClick={() => void revoke(invitation.id, person)}
                    >
                      {t('spaces.pending.revoke', { person })}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
