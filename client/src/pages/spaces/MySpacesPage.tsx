/** /spaces: the spaces I take part in, and the ways to make new ones and answer invitations. */
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { fetchMySpaces, spaceKeys } from './spacesApi.js';
import { SpaceTags } from './SpaceTags.js';

/** The list of my spaces with links to create a space, start a conversation, see invitations. */
export function MySpacesPage() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.mine.heading'));
  const list = useApiQuery(spaceKeys.mine(), fetchMySpaces);
  return (
    <section className="spaces-page">
      <h1>{t('spaces.mine.heading')}</h1>
      <ul className="spaces-actions">
        <li>
          <Link to="/spaces/new">{t('spaces.mine.create')}</Link>
        </li>
        <li>
          <Link to="/spaces/conversations/new">{t('spaces.mine.conversation')}</Link>
        </li>
        <li>
          <Link to="/invitations">{t('spaces.mine.invitations')}</Link>
        </li>
      </ul>
      {list.state === 'loading' && <StatusMessage>{t('spaces.loading')}</StatusMessage>}
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {list.state === 'ready' && (
        <>
          <StatusMessage>{t('spaces.mine.count', { n: list.data.items.length })}</StatusMessage>
          <ul className="spaces-list">
            {list.data.items.map((space) => (
              <li key={space.id}>
                <Link to={`/spaces/${space.slug}`}>
                  <bdi>{space.name}</bdi>
                </Link>{' '}
                <LabelBadge label={space.ceiling} /> <SpaceTags space={space} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
