/**
 * What happened to one's own post (SHARING.md: "the author can see what happened to their material"):
 * each moderation step with when, who, the labels before and after, and the reason, as the server
 * gives them to the author (GET /posts/{id} carries `moderation` for its author and moderators).
 */
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ModerationEvent } from '../../../../shared/schemas/moderation.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { formatWhen } from '../forums/format.js';
import './moderation.css';

type Step = z.infer<typeof ModerationEvent>;

/** The moderation history of post `postId`, for its author. */
export function AuthorHistory({ postId }: { postId: string }) {
  const { t, i18n } = useTranslation();
  const post = useApiGet<{ moderation?: Step[] }>(`/posts/${encodeURIComponent(postId)}`);
  if (post.state === 'loading') return <StatusMessage>{t('moderation.loading')}</StatusMessage>;
  if (post.state === 'error') return <LoadError error={post.error} onRetry={post.retry} />;
  const steps = post.data.moderation ?? [];
  return (
    <section className="moderation-panel" aria-label={t('moderation.authorHistory.heading')}>
      {steps.length === 0 ? (
        <p>{t('moderation.item.noHistory')}</p>
      ) : (
        <ol className="moderation-history">
          {steps.map((step, i) => (
            <li key={`${step.at}-${i}`}>
              <time dateTime={step.at}>{formatWhen(step.at, i18n.language)}</time> ·{' '}
              <strong>{t(`moderation.history.actions.${step.action}`, { defaultValue: step.action })}</strong>
              {step.by && (
                <>
                  {' '}
                  · {t('moderation.history.by')} <bdi>{step.by}</bdi>
                </>
              )}
              {step.from && step.to && (
                <>
                  {' '}
                  · <LabelBadge label={step.from} /> → <LabelBadge label={step.to} />
                </>
              )}{' '}
              · <bdi>{step.reason}</bdi>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
