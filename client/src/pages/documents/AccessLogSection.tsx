/**
 * The originator's access log of one document (shown when its `abilities.readAccessLog` says so): who,
 * of which city, viewed or downloaded which version and when, newest first, 25 at a time with "Load
 * more". A table on wide screens; each row reads as a small card on a phone (documents.css).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { refusalString } from '../../errors/refusal.js';
import { regionalLocale } from '../../format.js';
import { documentErrorRefusal } from './documentRefusal.js';
import { useAccessLog, type DocumentView } from './documentsApi.js';
import { formatDateTime } from './uploadHelpers.js';

/** The access log of `document`. */
export function AccessLogSection({ document }: { document: DocumentView }) {
  const { t, i18n } = useTranslation();
  const locale = regionalLocale(i18n.resolvedLanguage ?? 'en');
  const log = useAccessLog(document.id, true);
  const [said, setSaid] = useState('');
  const more = () => {
    log.loadMore().then(
      (count) => setSaid(t('documents.accessLog.added', { count })),
      (error: unknown) => setSaid(refusalString(documentErrorRefusal(error, t))),
    );
  };
  const columns = {
    who: t('documents.accessLog.who'),
    city: t('documents.accessLog.city'),
    version: t('documents.accessLog.version'),
    when: t('documents.accessLog.when'),
    action: t('documents.accessLog.action'),
  };
  return (
    <section className="documents-section" aria-labelledby="access-log-heading">
      <h2 id="access-log-heading">{t('documents.accessLog.heading')}</h2>
      <p className="hint">{t('documents.accessLog.intro')}</p>
      {log.state === 'loading' && <StatusMessage>{t('documents.loading')}</StatusMessage>}
      {log.state === 'error' && <LoadError error={log.error} onRetry={log.retry} />}
      {log.state === 'ready' &&
        (log.data.length === 0 ? (
          <p>{t('documents.accessLog.empty')}</p>
        ) : (
          <table className="access-table">
            <caption className="visually-hidden">
              {t('documents.accessLog.caption', { title: document.title })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{columns.who}</th>
                <th scope="col">{columns.city}</th>
                <th scope="col">{columns.version}</th>
                <th scope="col">{columns.when}</th>
                <th scope="col">{columns.action}</th>
              </tr>
            </thead>
            <tbody>
              {log.data.map((entry, index) => (
                <tr key={`${entry.at}-${entry.person?.id ?? 'x'}-${index}`}>
                  <td data-column={columns.who}>
                    <bdi>
                      {entry.person
                        ? (entry.person.name ?? t('documents.formerMember'))
                        : t('documents.formerMember')}
                    </bdi>
                  </td>
                  <td data-column={columns.city}>
                    {entry.city ? <bdi>{entry.city.name}</bdi> : t('documents.accessLog.noCity')}
                  </td>
                  <td data-column={columns.version}>
                    {entry.version === null ? t('documents.accessLog.anyVersion') : entry.version}
                  </td>
                  <td data-column={columns.when}>
                    <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
                  </td>
                  <td data-column={columns.action}>{t(`documents.accessLog.actions.${entry.action}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {log.state === 'ready' && log.hasMore && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={log.loadingMore}
            onClick={more}
          >
            {log.loadingMore ? t('documents.loading') : t('documents.accessLog.more')}
          </button>
        </p>
      )}
      <StatusMessage>{said}</StatusMessage>
    </section>
  );
}
