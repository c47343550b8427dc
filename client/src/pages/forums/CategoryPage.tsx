/**
 * /forums/:space/:category: the category's topics, pinned first then by latest activity, with the
 * viewer's unread counts and subscriptions, paged by cursor ("Show more topics"). Topics the viewer may
 * no longer see leave the list at once; new activity is offered without moving the page.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { NotFoundContent } from '../NotFoundPage.js';
import { authorName, formatWhen } from './format.js';
import { forumPaths, getSpace, listCategories, listTopics, type TopicView } from './forumsApi.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { usePostEvents } from './liveForum.js';
import { SpaceNotice } from './SpaceNotice.js';
import { useLoad } from './useLoad.js';

/** The topics of `category` in `space`. */
export function CategoryPage({ space, category }: { space: string; category: string }) {
  const { t, i18n } = useTranslation();
  const [more, setMore] = useState<{ sending: boolean; error: Refusal | null }>({
    sending: false,
    error: null,
  });
  const [fresh, setFresh] = useState(false);
  const loaded = useLoad(['category', space, category], async (signal) => {
    const [info, categories, topics] = await Promise.all([
      getSpace(space, signal),
      listCategories(space, signal),
      listTopics(space, category, null, signal),
    ]);
    const current = categories.items.find((c) => c.slug === category) ?? null;
    return { info, category: current, topics: topics.items, nextCursor: topics.nextCursor };
  });
  const ready = loaded.state === 'ready' ? loaded.data : null;
  usePageTitle(ready?.category?.name ?? t('forums.title'));

  usePostEvents(
    {
      created: (post) => {
        if (ready && post.space === ready.info.id) setFresh(true);
      },
      removed: (id) =>
        loaded.set((data) => ({ ...data, topics: data.topics.filter((topic) => topic.id !== id) })),
      reconnected: () => setFresh(true),
    },
    ready !== null,
  );

  const loadMore = async () => {
    if (!ready?.nextCursor) return;
    setMore({ sending: true, error: null });
    try {
      const page = await listTopics(space, category, ready.nextCursor);
      loaded.set((data) => ({
        ...data,
        topics: [
          ...data.topics,
          ...page.items.filter((item) => !data.topics.some((t2) => t2.id === item.id)),
        ],
        nextCursor: page.nextCursor,
      }));
      setMore({ sending: false, error: null });
    } catch (error) {
      setMore({
        sending: false,
        error: errorRefusal(error, t),
      });
    }
  };

  if ((loaded.state === 'error' && loaded.error.status === 404) || (ready && !ready.category)) {
    return <NotFoundContent heading={t('forums.notFound')} text={t('forums.notFoundText')} />;
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to={forumPaths.home}>{t('forums.title')}</Link>
        {ready && (
          <>
            {' › '}
            <Link to={forumPaths.space(space)}>{ready.info.name}</Link>
          </>
        )}
      </p>
      <h1>{ready?.category?.name ?? t('forums.title')}</h1>
      <StatusMessage>{loaded.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
      {loaded.state === 'error' && <LoadError error={loaded.error} onRetry={loaded.retry} />}
      {ready?.category && (
        <>
          {ready.category.description && <p>{ready.category.description}</p>}
          <SpaceNotice space={ready.info} />
          <p>
            <Link className="button" to={forumPaths.newTopic(space, category)}>
              {t('forums.newTopic')}
            </Link>
          </p>
          <div aria-live="polite" className="live-note">
            {fresh && (
              <p>
                {t('forums.newActivity')}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    setFresh(false);
                    loaded.retry();
                  }}
                >
                  {t('forums.showNewActivity')}
                </button>
              </p>
            )}
          </div>
          <h2 className="visually-hidden">{t('forums.topics')}</h2>
          {ready.topics.length === 0 ? (
            <p>{t('forums.noTopics')}</p>
          ) : (
            <ul className="topic-list">
              {ready.topics.map((topic) => (
                <TopicRow key={topic.id} topic={topic} language={i18n.language} />
              ))}
            </ul>
          )}
          {ready.nextCursor && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={more.sending}
              >
                {more.sending ? t('forums.loadingMore') : t('forums.moreTopics')}
              </button>
            </p>
          )}
          {more.error && (
            <p role="alert" className="field-error">
              <RefusalText refusal={more.error} />
            </p>
          )}
        </>
      )}
    </>
  );
}

/** One topic in the list: title, label, markers (pinned, locked, subscribed), counts and last activity. */
function TopicRow({ topic, language }: { topic: TopicView; language: string }) {
  const { t } = useTranslation();
  return (
    <li className={`topic-row${topic.unread > 0 || !topic.seen ? ' topic-row--unread' : ''}`}>
      <h3 className="topic-row__title">
        <Link to={forumPaths.topic(topic.id)}>{topic.title}</Link>
      </h3>
      <p className="topic-row__meta">
        <LabelBadge label={topic.label} />
        {topic.pinned && <span className="tag">{t('forums.pinned')}</span>}
        {topic.locked && <span className="tag">{t('forums.locked')}</span>}
        {topic.subscribed && <span className="tag">{t('forums.subscribedTag')}</span>}
        <span>{authorName(topic.author, t)}</span>
        <span>{t('forums.replyCount', { n: topic.replies })}</span>
        {!topic.seen ? (
          <strong className="unread">{t('forums.notSeen')}</strong>
        ) : (
          topic.unread > 0 && (
            <strong className="unread">{t('forums.unreadCount', { n: topic.unread })}</strong>
          )
        )}
        <span>
          {t('forums.lastActivity')}{' '}
          <time dateTime={topic.lastActivityAt}>{formatWhen(topic.lastActivityAt, language)}</time>
        </span>
      </p>
    </li>
  );
}
