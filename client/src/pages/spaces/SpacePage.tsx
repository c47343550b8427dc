/**
 * /spaces/:slug: a space's facts (kind, ceiling, default label, Chatham House Rule, leaders only),
 * its members and pending invitations; the controls to invite, manage members and room moderators,
 * and manage forum categories appear from the space's `abilities` alone.
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
import { Link, navigate } from '../../router.js';
import { InviteForm } from './InviteForm.js';
import { MembersSection } from './MembersSection.js';
import { PendingInvitations } from './PendingInvitations.js';
import { SpaceTags } from './SpaceTags.js';
import { fetchSpace, leaveSpace, spaceKeys, type SpaceView } from './spacesApi.js';

/** The space page for `slug`. */
export function SpacePage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const space = useApiQuery(spaceKeys.space(slug), (signal) => fetchSpace(slug, signal));
  usePageTitle(space.state === 'ready' ? space.data.name : t('spaces.space.loadingTitle'));
  if (space.state === 'loading') return <StatusMessage>{t('spaces.loading')}</StatusMessage>;
  if (space.state === 'error') return <LoadError error={space.error} onRetry={space.retry} />;
  return <SpaceDetails space={space.data} />;
}

function SpaceDetails({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  return (
    <section className="spaces-page" aria-labelledby="space-heading">
      <h1 id="space-heading">
        <bdi>{space.name}</bdi>
      </h1>
      <p>
        <SpaceTags space={space} />
      </p>
      {space.description && <p className="space-description">{space.description}</p>}
      <dl className="space-facts">
        <dt>{t('spaces.space.ceiling')}</dt>
        <dd>
          <LabelBadge label={space.ceiling} />
        </dd>
        <dt>{t('spaces.space.defaultLabel')}</dt>
        <dd>
          <LabelBadge label={space.defaultLabel} />
        </dd>
        <dt>{t('spaces.space.yourPlace')}</dt>
        <dd>{t(`spaces.membership.${space.membership ?? 'none'}`)}</dd>
      </dl>
      {space.chathamHouse && <p className="notice">{t('spaces.space.chathamHouseNote')}</p>}
      <ul className="spaces-actions">
        {space.membership && (
          <li>
            <Link to={`/rooms/${space.id}`}>{t('spaces.space.openRoom')}</Link>
          </li>
        )}
        {space.membership && (
          <li>
            <Link to={`/spaces/${space.slug}/documents`}>{t('spaces.space.documents')}</Link>
          </li>
        )}
        {space.abilities.moderateForum && (
          <li>
            <Link to={`/spaces/${space.slug}/categories`}>{t('spaces.space.categories')}</Link>
          </li>
        )}
      </ul>
      <MembersSection space={space} />
      <PendingInvitations space={space} />
      {space.abilities.invite && <InviteForm space={space} />}
      {space.abilities.leave && <LeaveButton space={space} />}
    </section>
  );
}

function LeaveButton({ space }: { space: SpaceView }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const leave = async () => {
    try {
      await leaveSpace(space.slug);
      await queryClient.invalidateQueries({ queryKey: ['spaces'] });
      navigate('/spaces');
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    }
  };
  return (
    <section aria-labelledby="leave-heading" className="space-section">
      <h2 id="leave-heading">{t('spaces.leave.heading')}</h2>
      <FormAlert message={alert} id="leave-alert" />
      <button type="button" className="button button--secondary" onClick={() => void leave()}>
        {t('spaces.leave.button', { space: space.name })}
      </button>
    </section>
  );
}
