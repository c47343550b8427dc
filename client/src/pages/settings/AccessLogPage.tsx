/**
 * /settings/access-log: who viewed, downloaded or was delivered my own AMBER+STRICT and RED posts
 * and room messages, newest first, 25 at a time ("Show older" adds the next page and says how many
 * came). A person who erased their account is named "former member".
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiQuery } from '../../data/useApiQuery.js';
import { formatDate } from '../../format.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { readAccessLog, type AccessLogEntry, type AccessLogPage as Page } from './settingsApi.js';
import { settingsRefusal } from './settingsRefusal.js';

/** Where the item opens: a post's page, or the message in its room. */
function itemLink(entry: AccessLogEntry): string | null {
  if (entry.item.type === 'Post') return `/posts/${entry.item.id}`;
  return entry.item.room ? `/rooms/${entry.item.room}#message-${entry.item.id}` : null;
}

/** One access. */
function EntryRow({ entry }: { entry: AccessLogEntry }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const who = entry.people.map((p) => p.name ?? t('settings.accessLog.formerMember')).join(', ');
  const link = itemLink(entry);
  const what = t(`settings.accessLog.items.${entry.item.type}`);
  return (
    <li>
      <p>
        <strong>
          <bdi>{who}</bdi>
        </strong>{' '}
        {t(`settings.accessLog.actions.${entry.action}`)} {link ? <Link to={link}>{what}</Link> : what}{' '}
        <LabelBadge label={entry.item.label} />
      </p>
      <p className="hint">
        <time dateTime={entry.at}>{formatDate(entry.at, language)}</time>
        {entry.channel ? ` · ${t('settings.accessLog.channel', { channel: entry.channel })}` : ''}
      </p>
    </li>
  );
}

/** The access log page. */
export function AccessLogPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.accessLog.title'));
  const first = useApiQuery(['settings', 'access-log'], (signal) => readAccessLog(null, signal));
  const [older, setOlder] = useState<Page[]>([]);
  const [loading, setLoading] = useState(false);
  const [said, setSaid] = useState('');
  if (first.state === 'loading') return <StatusMessage>{t('settings.loading')}</StatusMessage>;
  if (first.state === 'error') return <LoadError error={first.error} onRetry={first.retry} />;
  const pages = [first.data, ...older];
  const entries = pages.flatMap((p) => p.items);
  const next = pages.at(-1)?.nextCursor ?? null;
  const more = () => {
    if (!next) return;
    setLoading(true);
    readAccessLog(next).then(
      (page) => {
        setOlder([...older, page]);
        setLoading(false);
        setSaid(t('settings.accessLog.added', { count: page.items.length }));
      },
      (error: unknown) => {
        setLoading(false);
        setSaid(settingsRefusal(error, t).text);
      },
    );
  };
  return (
    <>
      <h1>{t('settings.accessLog.title')}</h1>
      <p>{t('settings.accessLog.intro')}</p>
      {entries.length === 0 ? (
        <p>{t('settings.accessLog.empty')}</p>
      ) : (
        <ol className="access-log">
          {entries.map((entry) => (
            <EntryRow key={entry.seq} entry={entry} />
          ))}
        </ol>
      )}
      {next && (
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={loading} onClick={more}>
            {loading ? t('settings.loading') : t('settings.accessLog.older')}
          </button>
        </div>
      )}
      <p role="status" className="status">
        {said}
      </p>
    </>
  );
}
