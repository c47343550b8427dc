/**
 * The moderators' view of the audit log: the moderation record of the items they moderate, newest
 * first, searchable by person (who acted), item and action. The server decides what they may see.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../components/FormField.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { queryString } from '../../api.js';
import { formatWhen } from '../forums/format.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import type { Page } from '../../types.js';
import { ModerationNav } from './ModerationNav.js';
import { recordPath, type AuditView } from './moderationApi.js';
import { MODERATION_AUDIT_ACTIONS } from '../../../../shared/moderationAuditActions.js';

const ACTIONS = MODERATION_AUDIT_ACTIONS;

const ID = /^[a-f0-9]{24}$/;

/** The audit page. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('moderation.audit.title'));
  const [draft, setDraft] = useState({ person: '', item: '', action: '' });
  const [search, setSearch] = useState(draft);
  const path = `/moderation/audit${queryString({
    limit: 50,
    person: ID.test(search.person) ? search.person : undefined,
    item: ID.test(search.item) ? search.item : undefined,
    action: search.action || undefined,
  })}`;
  const entries = useApiGet<Page<AuditView>>(path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearch({ person: draft.person.trim(), item: draft.item.trim(), action: draft.action });
  };
  return (
    <>
      <h1>{t('moderation.audit.title')}</h1>
      <ModerationNav current="audit" />
      <form
        className="moderation-filters"
        onSubmit={submit}
        role="search"
        aria-label={t('moderation.audit.search')}
      >
        <FormField id="audit-person" label={t('moderation.audit.person')} hint={t('moderation.audit.idHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.person}
              onChange={(e) => setDraft({ ...draft, person: e.target.value })}
            />
          )}
        </FormField>
        <FormField id="audit-item" label={t('moderation.audit.item')} hint={t('moderation.audit.idHint')}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={draft.item}
              onChange={(e) => setDraft({ ...draft, item: e.target.value })}
            />
          )}
        </FormField>
        <FormField id="audit-action" label={t('moderation.audit.action')}>
          {(control) => (
            <select
              {...control}
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
            >
              <option value="">{t('moderation.audit.anyAction')}</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`moderation.audit.actions.${a.replace('.', '_')}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="button">
          {t('moderation.audit.submit')}
        </button>
      </form>
      {entries.state === 'loading' && <StatusMessage>{t('moderation.loading')}</StatusMessage>}
      {entries.state === 'error' && <LoadError error={entries.error} onRetry={entries.retry} />}
      {entries.state === 'ready' &&
        (entries.data.items.length === 0 ? (
          <p>{t('moderation.audit.empty')}</p>
        ) : (
          <div className="moderation-table-wrap">
            <table className="moderation-audit">
              <caption className="visually-hidden">{t('moderation.audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('moderation.audit.when')}</th>
                  <th scope="col">{t('moderation.audit.who')}</th>
                  <th scope="col">{t('moderation.audit.action')}</th>
                  <th scope="col">{t('moderation.audit.item')}</th>
                  <th scope="col">{t('moderation.audit.why')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.data.items.map((e) => (
                  <tr key={e.seq}>
                    <td>
                      <time dateTime={e.at}>{formatWhen(e.at, i18n.language)}</time>
                    </td>
                    <td>
                      <bdi>{e.actor.name ?? e.actor.kind}</bdi>
                    </td>
                    <td>
                      {t(`moderation.audit.actions.${e.action.replace('.', '_')}`, {
                        defaultValue: e.action,
                      })}
                    </td>
                    <td>
                      {e.target.id ? (
                        <Link to={recordPath(e.target.type, e.target.id)}>
                          {t(`moderation.kinds.${e.target.type}`, { defaultValue: e.target.type })}
                        </Link>
                      ) : (
                        e.target.type
                      )}{' '}
                      {e.target.label && <LabelBadge label={e.target.label} />}
                    </td>
                    <td>
                      <bdi>{auditWhy(e, t)}</bdi>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}

/** The reason an entry records, in words (a flag's reason is translated). */
function auditWhy(entry: AuditView, t: (key: string, options?: Record<string, unknown>) => string): string {
  const d = entry.details ?? {};
  const pick = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : null);
  if (entry.action === 'content.flagged') {
    const reason = pick('reason');
    return reason ? t(`moderation.reasons.${reason}`, { defaultValue: reason }) : '';
  }
  if (entry.action === 'content.relabelled')
    return `${pick('from') ?? ''} → ${pick('to') ?? ''}: ${pick('why') ?? ''}`;
  return pick('reason') ?? pick('why') ?? '';
}
