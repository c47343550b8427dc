/**
 * The forum pages, loaded lazily as one chunk with their strings and styles: the path below /forums
 * names the page. Forums are for signed-in members; others are asked to sign in first.
 */
import { StatusMessage } from '../../components/StatusMessage.js';
import { useSession } from '../../auth/session.js';
import { Link } from '../../router.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { CategoryPage } from './CategoryPage.js';
import { useCollabTranslation } from './collabStrings.js';
import { ForumsHomePage } from './ForumsHomePage.js';
import { NewTopicPage } from './NewTopicPage.js';
import { SpaceForumPage } from './SpaceForumPage.js';
import { TopicPage } from './TopicPage.js';
import '../../styles/forums.css';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
const TOPIC = /^\/forums\/topics\/([a-f0-9]{24})$/;
const SPACE = new RegExp(`^/forums/(${SLUG})$`);
const CATEGORY = new RegExp(`^/forums/(${SLUG})/(${SLUG})$`);
const NEW_TOPIC = new RegExp(`^/forums/(${SLUG})/(${SLUG})/new$`);

function pageFor(path: string) {
  if (path === '/forums') return <ForumsHomePage />;
  const topic = TOPIC.exec(path);
  if (topic) return <TopicPage key={topic[1]} topicId={topic[1] as string} />;
  const space = SPACE.exec(path);
  if (space) return <SpaceForumPage key={space[1]} space={space[1] as string} />;
  const category = CATEGORY.exec(path);
  if (category) {
    const [, s, c] = category as unknown as [string, string, string];
    return <CategoryPage key={`${s}/${c}`} space={s} category={c} />;
  }
  const newTopic = NEW_TOPIC.exec(path);
  if (newTopic) {
    const [, s, c] = newTopic as unknown as [string, string, string];
    return <NewTopicPage key={`${s}/${c}`} space={s} category={c} />;
  }
  return <NotFoundPage />;
}

/** The forum page for `path` (which starts with /forums), once the forum strings are loaded. */
export function ForumRoutes({ path }: { path: string }) {
  const { t, ready } = useCollabTranslation();
  const { session } = useSession();
  if (!ready || session.status === 'loading') return <StatusMessage>{t('layout.loadingPage')}</StatusMessage>;
  if (session.status !== 'signedIn') {
    return (
      <>
        <h1>{t('forums.title')}</h1>
        <p>{t('forums.signInFirst')}</p>
        <p>
          <Link className="button" to={`/sign-in?returnTo=${encodeURIComponent(path)}`}>
            {t('forums.signIn')}
          </Link>
        </p>
      </>
    );
  }
  return pageFor(path);
}
