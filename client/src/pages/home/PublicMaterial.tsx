/**
 * The network's public material on the visitors' home: the newest posts explicitly published at
 * TLP:CLEAR (GET /api/v1/public/posts, the unauthenticated API, which shows nothing else), each with
 * its space and date, the start of its text and the rest on demand.
 */
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Post } from '../../../../shared/schemas/posts.js';
import { apiGet } from '../../api.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { formatDate } from '../../format.js';

type PublicPost = Pick<z.infer<typeof Post>, 'id' | 'title' | 'body' | 'label' | 'createdAt'> & {
  space: { name: string };
};

/** How many published items the home shows. */
const SHOWN = 5;

/** The longest start of a text shown before "read all". */
const EXCERPT_CHARS = 280;

/** The start of `text`, cut at a word near {@link EXCERPT_CHARS}, or null when it is short. */
function excerptOf(text: string): string | null {
  const chars = [...text];
  if (chars.length <= EXCERPT_CHARS) return null;
  const start = chars.slice(0, EXCERPT_CHARS).join('');
  const cut = start.lastIndexOf(' ');
  return `${cut > EXCERPT_CHARS / 2 ? start.slice(0, cut) : start}…`;
}

function fetchPublicPosts(signal: AbortSignal): Promise<PublicPost[]> {
  return apiGet<{ items: PublicPost[] }>(`/public/posts?limit=${SHOWN}`, signal).then((page) => page.items);
}

/** The public material section. */
export function PublicMaterial() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const posts = useApiQuery(['public', 'posts'], fetchPublicPosts);
  return (
    <section aria-labelledby="public-material-heading" className="public-material">
      <h2 id="public-material-heading">{t('publicHome.materialHeading')}</h2>
      <p>{t('publicHome.materialIntro')}</p>
      {posts.state === 'loading' && <StatusMessage>{t('publicHome.materialLoading')}</StatusMessage>}
      {posts.state === 'error' && <LoadError error={posts.error} onRetry={posts.retry} />}
      {posts.state === 'ready' && posts.data.length === 0 && <p>{t('publicHome.materialNone')}</p>}
      {posts.state === 'ready' && posts.data.length > 0 && (
        <ul className="public-material__list">
          {posts.data.map((post) => {
            const excerpt = excerptOf(post.body);
            return (
              <li key={post.id} className="public-material__item">
                <article aria-labelledby={`public-${post.id}`}>
                  <h3 id={`public-${post.id}`} dir="auto">
                    {post.title}
                  </h3>
                  <p className="public-material__meta">
                    <bdi>{post.space.name}</bdi> ·{' '}
                    <time dateTime={post.createdAt}>{formatDate(post.createdAt, language)}</time>{' '}
                    <LabelBadge label={post.label} />
                  </p>
                  {excerpt ? (
                    <details>
                      <summary>
                        <span dir="auto">{excerpt}</span>{' '}
                        <span className="public-material__more">{t('publicHome.readAll')}</span>
                      </summary>
                      <p className="public-material__body" dir="auto">
                        {post.body}
                      </p>
                    </details>
                  ) : (
                    <p className="public-material__body" dir="auto">
                      {post.body}
                    </p>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
