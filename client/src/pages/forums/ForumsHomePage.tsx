/** /forums: the forums the person takes part in, the network-wide space first, then their hubs. */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { forumPaths, listMySpaces } from './forumsApi.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { useLoad } from './useLoad.js';

/** Lists the network and hub spaces with their ceilings. */
export function ForumsHomePage() {
  const { t } = useTranslation();
  usePageTitle(t('forums.title'));
  const spaces = useLoad(['spaces'], (signal) => listMySpaces(signal));
  const forums =
    spaces.state === 'ready'
      ? spaces.data.items
          .filter((space) => space.kind === 'network' || space.kind === 'hub')
          .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'network' ? -1 : 1))
      : [];
  return (
    <>
      <h1>{t('forums.title')}</h1>
      <p>{t('forums.intro')}</p>
      <StatusMessage>{spaces.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
      {spaces.state === 'error' && <LoadError error={spaces.error} onRetry={spaces.retry} />}
      {spaces.state === 'ready' && forums.length === 0 && <p>{t('forums.noForums')}</p>}
      {forums.length > 0 && (
        <ul className="forum-list">
          {forums.map((space) => (
            <li key={space.id} className="forum-card">
              <h2>
                <Link to={forumPaths.space(space.slug)}>{space.name}</Link>
              </h2>
              {space.description && <p>{space.description}</p>}
              <p className="forum-meta">
                {t('forums.ceiling')} <LabelBadge label={space.ceiling} />
                {space.chathamHouse && <span className="chr-tag"> {t('forums.chathamShort')}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
