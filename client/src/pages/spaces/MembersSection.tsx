/**
 * A space's explicit members with their roles. Each membership carries what the viewer may do with it
 * (`abilities`): make a member a room moderator or a plain member again, remove them.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryClient } from '../../data/queryClient.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { errorRefusal } from '../../errors/refusal.js';
import {
  fetchMembers,
  removeMember,
  setMemberRole,
  spaceKeys,
  type MemberView,
  type SpaceView,
} from './spacesApi.js';

/** The members list of `space`. */
export function MembersSection({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  const members = useApiQuery(spaceKeys.members(space.slug), (signal) => fetchMembers(space.slug, signal));
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');

  const act = async (change: () => Promise<unknown>, done: string) => {
    try {
      await change();
      await queryClient.invalidateQueries({ queryKey: spaceKeys.space(space.slug) });
      setStatus(done);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    }
  };
  const controls = (member: MemberView) => {
    const next = member.role === 'moderator' ? 'member' : 'moderator';
    const name = member.person.name;
    return (
      <span className="member-controls">
        {member.abilities.changeRole && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void act(
                () => setMemberRole(space.slug, member.person.id, next),
                t(`spaces.members.made.${next}`, { person: name }),
              )
            }
          >
            {t(`spaces.members.make.${next}`, { person: name })}
          </button>
        )}
        {member.abilities.remove && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void act(
                () => removeMember(space.slug, member.person.id),
                t('spaces.members.removed', { person: name }),
              )
            }
          >
            {t('spaces.members.remove', { person: name })}
          </button>
        )}
      </span>
    );
  };

  return (
    <section aria-labelledby="members-heading" className="space-section">
      <h2 id="members-heading">{t('spaces.members.heading')}</h2>
      <p className="hint">{t(`spaces.derived.${space.kind}`)}</p>
      <FormAlert message={alert} id="members-alert" />
      <StatusMessage>{status}</StatusMessage>
      {members.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {members.state === 'error' && <LoadError error={members.error} onRetry={members.retry} />}
      {members.state === 'ready' &&
        (members.data.items.length === 0 ? (
          <p>{t('spaces.members.none')}</p>
        ) : (
          <ul className="member-list" aria-label={t('spaces.members.heading')}>
            {members.data.items.map((member) => (
              <li key={member.person.id}>
                <bdi>{member.person.name}</bdi>{' '}
                <span className="member-role">{t(`spaces.roles.${member.role}`)}</span> {controls(member)}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
