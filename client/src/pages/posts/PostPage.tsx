/**
 * /posts/:id: one post outside the forums (search results of plain posts open here), read through
 * GET /api/v1/posts/:id. Shows its title, body (the server's sanitised `html` when it sends one,
 * else the text as text), its TLP label with the label's meaning, its space, and its author unless the
 * Chatham House Rule hides them. The server answers 404 for a post the reader may not read, so the
 * page says only "not found or not available to you". Loaded on demand with the forum strings.
 */
import { useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import type { Label } from '../../../../shared/policy/labels.js';
import { useCollabTranslation } from '../forums/collabStrings.js';
import { authorName, formatWhen } from '../forums/format.js';
import { LabelBadge, useLabelMeaning } from '../../components/LabelBadge.js';
import '../../styles/forums.css';
import type { AttachmentView } from '../../../../shared/schemas/attachments.js';
import { AttachmentList } from '../documents/AttachmentList.js';

/** A post as GET /api/v1/posts/:id answers: the post, or (author, moderators) its moderation state. */
interface PostView {
  id: string;
  space: { slug: string; name: string };
  label: Label;
  state: string;
  title?: string;
  body?: string;
  /** Server-rendered, sanitised HTML of the body, when the server sends it. */
  html?: string;
  /** `name` is null for a former member. */
  author?: { id: string; name: string | null } | null;
  chathamHouse?: boolean;
  createdAt?: string;
  /** The attached files the reader may open. */
  attachments?: AttachmentView[];
}

/** The post page for post `postId`. */
export function PostPage({ postId }: { postId: string }) {
  const { t, i18n, ready } = useCollabTranslation();
  const { session } = useSession();
  const labelMeaning = useLabelMeaning();
  const { path } = useLocation();
  const post = useApiGet<PostView>(`/posts/${encodeURIComponent(postId)}`);
  const unavailable = post.state === 'error' && [401, 403, 404].includes(post.error.status);
  const shown = post.state === 'ready' ? post.data : null;
  usePageTitle(
    !ready
      ? ''
      : unavailable
        ? t('forums.postPage.unavailable')
        : shown?.title !== undefined
          ? shown.title
          : t('forums.postPage.title'),
  );

  if (!ready || session.status === 'loading') return <StatusMessage>{t('layout.loadingPage')}</StatusMessage>;
  if (unavailable) {
    return (
      <section className="post-page">
        <h1>{t('forums.postPage.unavailable')}</h1>
        <p className="notice notice--error" role="alert">
          {t('forums.postPage.unavailableText')}
        </p>
        {session.status !== 'signedIn' && (
          <p>
            {t('forums.postPage.signInFirst')}{' '}
            <Link to={`/sign-in?returnTo=${encodeURIComponent(path)}`}>{t('forums.signIn')}</Link>
          </p>
        )}
        <p>
          <Link to="/search">{t('forums.postPage.toSearch')}</Link>
        </p>
      </section>
    );
  }
  if (post.state === 'loading') return <StatusMessage>{t('forums.postPage.loading')}</StatusMessage>;
  if (post.state === 'error') return <LoadError error={post.error} onRetry={post.retry} />;

  const item = post.data;
  const meaning = labelMeaning(item.label);
  const space = (
    <p className="post-page__space">
      {t('forums.postPage.space')} <bdi>{item.space.name}</bdi>
    </p>
  );
  // The author (or a moderator) of a hidden post gets its state, never its content.
  if (item.body === undefined || item.title === undefined) {
    return (
      <section className="post-page">
        <h1>{t('forums.postPage.hidden')}</h1>
        <p className="notice notice--error" role="status">
          {t('forums.postPage.hiddenText', { state: t(`forums.postPage.states.${item.state}`) })}
        </p>
        {space}
      </section>
    );
  }
  return (
    <article className="post post-page" aria-labelledby="post-page-title">
      <p className="breadcrumb">
        <Link to="/search">{t('forums.postPage.toSearch')}</Link>
      </p>
      <h1 id="post-page-title" dir="auto">
        {item.title}
      </h1>
      <p className="post__meta">
        <LabelBadge label={item.label} />
        {/* Read out by the badge already; shown here for everyone who sees. */}
        <span className="post-page__meaning" aria-hidden="true">
          {meaning}
        </span>
      </p>
      {space}
      <p className="post__meta">
        {item.author ? (
          <span className="post__author">
            {t('forums.postPage.by')} <bdi>{authorName(item.author, t)}</bdi>
          </span>
        ) : item.chathamHouse ? (
          <span className="post__author">{t('forums.postPage.authorHidden')}</span>
        ) : null}
        {item.createdAt && <time dateTime={item.createdAt}>{formatWhen(item.createdAt, i18n.language)}</time>}
      </p>
      {item.chathamHouse && (
        <p className="notice notice--chr">
          <strong>{t('forums.chathamTitle')}</strong> {t('forums.chathamText')}
        </p>
      )}
      {typeof item.html === 'string' && item.html ? (
        // Rendered and sanitised by the server; nothing else is inserted as HTML.
        <div className="post__body" dir="auto" dangerouslySetInnerHTML={{ __html: item.html }} />
      ) : (
        <div className="post__body post-page__text" dir="auto">
          {item.body}
        </div>
      )}
      <AttachmentList attachments={item.attachments} />
    </article>
  );
}
