/** /forums/:space: a hub's (or the network's) forum: its sharing rules and its categories. */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { NotFoundContent } from '../NotFoundPage.js';
import { forumPaths, getSpace, listCategories } from './forumsApi.js';
import { SpaceNotice } from './SpaceNotice.js';
import { useLoad } from './useLoad.js';

/** Shows the space named `space` and its categories. */
export function SpaceForumPage({ space }: { space: string }) {
  const { t } = useTranslation();
  const loaded = useLoad(['space', space], async (signal) => {
    const [info, categories] = await Promise.all([getSpace(space, signal), listCategories(space, signal)]);
    return { info, categories: categories.items };
  });
  usePageTitle(loaded.state === 'ready' ? loaded.data.info.name : t('forums.title'));
  if (loaded.state === 'error' && loaded.error.status === 404) {
    return <NotFoundContent heading={t('forums.notFound')} text={t('forums.notFoundText')} />;
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={forumPaths.home}>{t('forums.title')}</Link>
      </p>
      {loaded.state === 'ready' ? <h1>{loaded.data.info.name}</h1> : <h1>{t('forums.title')}</h1>}
      <StatusMessage>{loaded.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
      {loaded.state === 'error' && <LoadError error={loaded.error} onRetry={loaded.retry} />}
      {loaded.state === 'ready' && (
        <>
          <SpaceNotice space={loaded.data.info} />
          <h2>{t('forums.categories')}</h2>
          {loaded.data.categories.length === 0 ? (
            <p>{t('forums.noCategories')}</p>
          ) : (
            <ul className="forum-list">
              {loaded.data.categories.map((category) => (
                <li key={category.id} className="forum-card">
                  <h3>
                    <Link to={forumPaths.category(space, category.slug)}>{category.name}</Link>
                  </h3>
                  {category.description && <p>{category.description}</p>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
