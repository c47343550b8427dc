/**
 * /invitations: my pending invitations to spaces, each with what the space is (kind, ceiling,
 * Chatham House Rule, leaders only) and who invited me; I accept (and may open the space) or decline.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { SpaceTags } from './SpaceTags.js';
import { answerInvitation, fetchMyInvitations, spaceKeys, type InvitationView } from './spacesApi.js';

/** What was last answered, to say so and link to a joined space. */
interface Answered {
  answer: 'accept' | 'decline';
  space: InvitationView['space'];
}

/** The page of my invitations. */
export function InvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.invitations.heading'));
  const list = useApiQuery(spaceKeys.myInvitations(), fetchMyInvitations);
  const [answered, setAnswered] = useState<Answered | null>(null);
  const [alert, setAlert] = useState<AlertMessage | null>(null);

  const answer = async (invitation: InvitationView, choice: 'accept' | 'decline') => {
    try {
      await answerInvitation(invitation.id, choice);
      setAlert(null);
      setAnswered({ answer: choice, space: invitation.space });
      await queryClient.invalidateQueries({ queryKey: ['spaces'] });
      await queryClient.invalidateQueries({ queryKey: ['rooms'] });
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      await queryClient.invalidateQueries({ queryKey: spaceKeys.myInvitations() });
    }
  };

  return (
    <section className="spaces-page">
      <h1>{t('spaces.invitations.heading')}</h1>
      <FormAlert message={alert} id="invitations-alert" />
      <StatusMessage>
        {answered &&
          t(answered.answer === 'accept' ? 'spaces.invitations.accepted' : 'spaces.invitations.declined', {
            space: answered.space.name,
          })}
      </StatusMessage>
      {answered?.answer === 'accept' && (
        <p>
          <Link to={`/spaces/${answered.space.slug}`}>
            {t('spaces.invitations.open', { space: answered.space.name })}
          </Link>
        </p>
      )}
      {list.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p>{t('spaces.invitations.none')}</p>
        ) : (
          <ul className="invitation-list">
            {list.data.items.map((invitation) => (
              <li key={invitation.id} className="invitation">
                <article aria-labelledby={`invitation-${invitation.id}`}>
                  <h2 id={`invitation-${invitation.id}`}>
                    <bdi>{invitation.space.name}</bdi>
                  </h2>
                  <p>
                    <SpaceTags space={invitation.space} /> <LabelBadge label={invitation.space.ceiling} />
                  </p>
                  <p>
                    {t('spaces.invitations.from', {
                      person: invitation.invitedBy.name ?? t('spaces.formerMember'),
                      role: t(`spaces.roles.${invitation.role}`),
                    })}
                  </p>
                  {invitation.space.chathamHouse && (
                    <p className="hint">{t('spaces.space.chathamHouseNote')}</p>
                  )}
                  {invitation.abilities.answer && (
                    <p className="invitation__actions">
                      <button
                        type="button"
                        className="button"
                        onClick={() => void answer(invitation, 'accept')}
                      >
                        {t('spaces.invitations.accept', { space: invitation.space.name })}
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        onClick={() => void answer(invitation, 'decline')}
                      >
                        {t('spaces.invitations.decline', { space: invitation.space.name })}
                      </button>
                    </p>
                  )}
                </article>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
