/** The earlier versions of a topic or reply (its author and moderators), newest first, as plain text. */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { authorName, formatWhen } from './format.js';
import { listRevisions } from './forumsApi.js';
import { useLoad } from './useLoad.js';

/** Loads and lists the revisions of item `id`. */
export function RevisionList({ kind, id }: { kind: 'topic' | 'reply'; id: string }) {
  const { t, i18n } = useTranslation();
  const revisions = useLoad(['revisions', kind, id], () => listRevisions(kind, id));
  return (
    <section className="revisions" aria-labelledby={`revisions-${id}`}>
      <h4 id={`revisions-${id}`}>{t('forums.history.title')}</h4>
      <StatusMessage>{revisions.state === 'loading' ? t('forums.loading') : ''}</StatusMessage>
      {revisions.state === 'error' && <LoadError error={revisions.error} onRetry={revisions.retry} />}
      {revisions.state === 'ready' &&
        (revisions.data.items.length === 0 ? (
          <p>{t('forums.history.none')}</p>
        ) : (
          <ol className="revision-list">
            {revisions.data.items.map((revision) => (
              <li key={revision.at}>
                <p className="post__meta">
                  <time dateTime={revision.at}>{formatWhen(revision.at, i18n.language)}</time>{' '}
                  {revision.by && t('forums.history.by', { name: authorName(revision.by, t) })}
                </p>
                {revision.title !== null && (
                  <p dir="auto">
                    <strong>{revision.title}</strong>
                  </p>
                )}
                <pre className="revision-body" dir="auto">
                  {revision.body}
                </pre>
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
