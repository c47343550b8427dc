/**
 * /forums/topics/:id: a topic with its replies, the reply form (shown only when the topic's `abilities`
 * say the reader may reply: a locked topic takes replies from its forum's moderators only),
 * subscription, and the forum moderator's pin, lock and move controls. Every per-item control follows
 * the item's `abilities` (see PostItem). New replies arrive live and are announced; items the reader
 * may no longer see leave at once. Viewing marks the topic read.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, navigate } from '../../router.js';
import { NotFoundContent } from '../NotFoundPage.js';
import { authorName } from './format.js';
import { editReply, editTopic, forumPaths, setSubscription, type TopicView } from './forumsApi.js';
import { ModeratorControls } from './ModeratorControls.js';
import { PostItem } from './PostItem.js';
import { errorRefusal, type Refusal } from '../../errors/refusal.js';
import { RefusalText } from '../../errors/RefusalText.js';
import { ReplyComposer } from './ReplyComposer.js';
import { SpaceNotice } from './SpaceNotice.js';
import { useTopic } from './useTopic.js';

/**
 * Scrolls once to the item named by the URL fragment (`#post-<id>`, as search results link to a
 * reply) when it is on the shown pages; `shown` changes as pages load (-1 while loading).
 */
function useScrollToPostAnchor(shown: number): void {
  const done = useRef<string | null>(null);
  useEffect(() => {
    const anchor = window.location.hash.slice(1);
    if (shown < 0 || !anchor.startsWith('post-') || done.current === anchor) return;
    const target = document.getElementById(anchor);
    if (!target) return;
    done.current = anchor;
    target.scrollIntoView();
  }, [shown]);
}

/** A topic the reader deleted or quarantined on this page, and the category to go back to. */
interface TopicEnded {
  topic: string;
  how: 'deleted' | 'quarantined';
  space: string;
  category: { slug: string; name: string };
}

/** The page of topic `topicId`. */
export function TopicPage({ topicId }: { topicId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const viewerId = session.status === 'signedIn' ? session.me.person.id : '';
  const model = useTopic(topicId);
  const { data } = model;
  const [moreError, setMoreError] = useState<Refusal | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [done, setDone] = useState('');
  const [ended, setEnded] = useState<TopicEnded | null>(null);
  const repliesHeading = useRef<HTMLHeadingElement>(null);
  const endedHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(data.state === 'ready' ? data.topic.title : t('forums.title'));
  useScrollToPostAnchor(data.state === 'ready' ? data.replies.length : -1);
  useEffect(() => {
    if (ended) endedHeading.current?.focus();
  }, [ended]);

  if (ended?.topic === topicId) {
    // The reader deleted or quarantined the topic: say so, and offer the way back to its category.
    return (
      <>
        <h1 tabIndex={-1} ref={endedHeading}>
          {ended.how === 'deleted' ? t('forums.item.topicDeleted') : t('forums.item.topicQuarantined')}
        </h1>
        <p>
          <Link to={forumPaths.category(ended.space, ended.category.slug)}>{ended.category.name}</Link>
        </p>
      </>
    );
  }
  if (data.state === 'gone') {
    return <NotFoundContent heading={t('forums.topicGone')} text={t('forums.topicGoneText')} />;
  }
  if (data.state !== 'ready') {
    return (
      <>
        <h1>{t('forums.title')}</h1>
        <StatusMessage>{data.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
        {data.state === 'error' && <LoadError error={data.error} onRetry={model.retry} />}
      </>
    );
  }
  const { topic, space, replies } = data;

  const loadMore = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      await model.loadMore();
    } catch (error) {
      setMoreError(errorRefusal(error, t));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={forumPaths.home}>{t('forums.title')}</Link>
        {' › '}
        <Link to={forumPaths.space(topic.space.slug)}>{topic.space.name}</Link>
        {' › '}
        <Link to={forumPaths.category(topic.space.slug, topic.category.slug)}>{topic.category.name}</Link>
      </p>
      <PostItem
        post={{ ...topic, kind: 'topic' }}
        viewerId={viewerId}
        viewerMayModerate={topic.viewerMayModerate}
        ceiling={space.ceiling}
        headingLevel="h1"
        onEdit={async (input) => {
          const updated = await editTopic(topic.id, input);
          model.setTopic(() => updated);
        }}
        onRemoved={(how) =>
          setEnded({ topic: topic.id, how, space: topic.space.slug, category: topic.category })
        }
        onRelabelled={(label) => {
          setDone(t('forums.item.relabelled', { label }));
          // Raising a topic raises its replies with it: read both again.
          model.refreshTopic();
          model.refreshReplies();
        }}
      >
        {(topic.pinned || topic.locked) && (
          <p className="topic-state">
            {topic.pinned && <span className="tag">{t('forums.pinned')}</span>}
            {topic.locked && <span className="tag">{t('forums.locked')}</span>}
          </p>
        )}
      </PostItem>
      <SubscribeButton
        topic={topic}
        onChange={(subscribed) => model.setTopic((x) => ({ ...x, subscribed }))}
      />
      {topic.viewerMayModerate && (
        <ModeratorControls
          topic={topic}
          onFlags={(flags) => {
            model.setTopic((x) => ({ ...x, ...flags }));
            model.refreshTopic(); // the abilities (who may reply) follow the lock
          }}
          onMoved={() => {
            model.retry();
            navigate(forumPaths.topic(topic.id), { keepScroll: true });
          }}
        />
      )}
      <section aria-labelledby="replies-heading">
        <h2 id="replies-heading" tabIndex={-1} ref={repliesHeading}>
          {t('forums.repliesHeading', { n: replies.length })}
        </h2>
        {replies.length === 0 && <p>{t('forums.noReplies')}</p>}
        <ol className="reply-list">
          {replies.map((reply) => (
            <li key={reply.id}>
              <PostItem
                post={{ ...reply, kind: 'reply' }}
                viewerId={viewerId}
                viewerMayModerate={topic.viewerMayModerate}
                ceiling={space.ceiling}
                floor={topic.label}
                headingLevel="h3"
                onEdit={async ({ body }) => model.replaceReply(await editReply(reply.id, body))}
                onRemoved={(how) => {
                  model.removeReply(reply.id);
                  setDone(
                    how === 'deleted' ? t('forums.item.replyDeleted') : t('forums.item.replyQuarantined'),
                  );
                  repliesHeading.current?.focus();
                }}
                onRelabelled={(label) => {
                  setDone(t('forums.item.relabelled', { label }));
                  model.refreshReply(reply.id);
                }}
              />
            </li>
          ))}
        </ol>
        {data.nextCursor && (
          <button
            type="button"
            className="button button--secondary"
            onClick={loadMore}
            disabled={loadingMore}
          >
            {loadingMore ? t('forums.loadingMore') : t('forums.moreReplies')}
          </button>
        )}
        {moreError && (
          <p role="alert" className="field-error">
            <RefusalText refusal={moreError} />
          </p>
        )}
        <StatusMessage>{done}</StatusMessage>
        <StatusMessage className="visually-hidden">
          {model.arrived
            ? t('forums.replyArrived', {
                name: authorName(model.arrived.reply.author, t),
                n: model.arrived.seq,
              })
            : ''}
        </StatusMessage>
      </section>
      <SpaceNotice space={space} />
      {topic.abilities.reply ? (
        <ReplyComposer topic={topic} space={space} onPosted={model.addReply} />
      ) : (
        <div className="notice" role="note">
          <p>{t('forums.lockedNotice')}</p>
        </div>
      )}
    </>
  );
}

/** Follow / stop following the topic (notifications of new replies). */
function SubscribeButton({ topic, onChange }: { topic: TopicView; onChange: (subscribed: boolean) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await setSubscription(topic.id, !topic.subscribed);
      onChange(result.subscribed);
    } catch (failure) {
      setError(errorRefusal(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="subscribe">
      <p>{topic.subscribed ? t('forums.subscribed') : t('forums.notSubscribed')}</p>
      <button type="button" className="button button--secondary" disabled={busy} onClick={toggle}>
        {topic.subscribed ? t('forums.unsubscribe') : t('forums.subscribe')}
      </button>
      {error && (
        <p role="alert" className="field-error">
          <RefusalText refusal={error} />
        </p>
      )}
    </div>
  );
}
