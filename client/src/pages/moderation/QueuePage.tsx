/**
 * The review queue: the flags of the hubs the moderator works (the server decides which), filtered by
 * hub, state, kind and reason, with counts; each flag links to its item's record. Several open flags
 * may be selected and dismissed, or their items quarantined, at once (spam waves).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { LoadError } from '../../components/LoadError.js';
import { ReasonField } from '../../components/ReasonField.js';
import { errorRefusal } from '../../errors/refusal.js';
import { hubName } from '../../format.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { ModerationNav } from './ModerationNav.js';
import {
  FLAG_REASONS,
  actOnFlags,
  countsPath,
  queuePath,
  recordPath,
  type CountsView,
  type FlagPage,
  type FlagView,
  type HubsView,
  type QueueFilters,
} from './moderationApi.js';

/** The queue page. */
export function QueuePage() {
  const { t } = useTranslation();
  usePageTitle(t('moderation.queue.title'));
  const [filters, setFilters] = useState<QueueFilters>({ hub: '', state: 'open', kind: '', reason: '' });
  const hubs = useApiGet<HubsView>('/moderation/hubs');
  const flags = useApiGet<FlagPage>(queuePath(filters));
  const counts = useApiGet<CountsView>(countsPath(filters));
  const refresh = () => {
    flags.retry();
    counts.retry();
  };
  const set = (change: Partial<QueueFilters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <>
      <h1>{t('moderation.queue.title')}</h1>
      <ModerationNav current="queue" />
      {hubs.state === 'error' ? (
        <LoadError error={hubs.error} onRetry={hubs.retry} />
      ) : (
        <>
          <Filters filters={filters} hubs={hubs.state === 'ready' ? hubs.data : null} onChange={set} />
          {counts.state === 'ready' && <Counts counts={counts.data} />}
          {flags.state === 'loading' && <StatusMessage>{t('moderation.loading')}</StatusMessage>}
          {flags.state === 'error' && <LoadError error={flags.error} onRetry={flags.retry} />}
          {flags.state === 'ready' && (
            <QueueList flags={flags.data.items} open={filters.state === 'open'} onChanged={refresh} />
          )}
        </>
      )}
    </>
  );
}

function Filters({
  filters,
  hubs,
  onChange,
}: {
  filters: QueueFilters;
  hubs: HubsView | null;
  onChange: (change: Partial<QueueFilters>) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="queue-filters">
      <h2 id="queue-filters">{t('moderation.queue.filters')}</h2>
      <div className="moderation-filters">
        <FormField id="queue-hub" label={t('moderation.queue.hub')}>
          {(control) => (
            <select {...control} value={filters.hub} onChange={(e) => onChange({ hub: e.target.value })}>
              <option value="">{t('moderation.queue.allHubs')}</option>
              {hubs?.hubs.map((h) => (
                <option key={h.slug} value={h.slug}>
                  {hubName(h, i18n.language)}
                </option>
              ))}
              {hubs?.network && <option value="network">{t('moderation.queue.network')}</option>}
            </select>
          )}
        </FormField>
        <FormField id="queue-state" label={t('moderation.queue.state')}>
          {(control) => (
            <select
              {...control}
              value={filters.state}
              onChange={(e) => onChange({ state: e.target.value as QueueFilters['state'] })}
            >
              {(['open', 'resolved', 'dismissed'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`moderation.states.${s}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="queue-kind" label={t('moderation.queue.kind')}>
          {(control) => (
            <select
              {...control}
              value={filters.kind}
              onChange={(e) => onChange({ kind: e.target.value as QueueFilters['kind'] })}
            >
              <option value="">{t('moderation.kinds.any')}</option>
              <option value="Post">{t('moderation.kinds.Post')}</option>
              <option value="Message">{t('moderation.kinds.Message')}</option>
              <option value="Document">{t('moderation.kinds.Document')}</option>
              <option value="ExpertRequest">{t('moderation.kinds.ExpertRequest')}</option>
              <option value="LibraryRecord">{t('moderation.kinds.LibraryRecord')}</option>
            </select>
          )}
        </FormField>
        <FormField id="queue-reason" label={t('moderation.queue.reason')}>
          {(control) => (
            <select
              {...control}
              value={filters.reason}
              onChange={(e) => onChange({ reason: e.target.value })}
            >
              <option value="">{t('moderation.reasons.any')}</option>
              {FLAG_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`moderation.reasons.${r}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      </div>
    </section>
  );
}

function Counts({ counts }: { counts: CountsView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="queue-counts">
      <h2 id="queue-counts">{t('moderation.queue.counts')}</h2>
      <ul className="moderation-counts">
        {(['open', 'resolved', 'dismissed'] as const).map((s) => (
          <li key={s}>
            {t(`moderation.states.${s}`)}: <strong>{counts.byState[s]}</strong>
          </li>
        ))}
        {Object.entries(counts.openByReason).map(([reason, n]) => (
          <li key={reason}>
            {t(`moderation.reasons.${reason}`)}: <strong>{n}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One flag: its reason, the item's place, label and excerpt, and a link to its record. */
export function FlagSummary({ flag }: { flag: FlagView }) {
  const { t } = useTranslation();
  const { item } = flag;
  return (
    <>
      <p>
        <strong>{t(`moderation.reasons.${flag.reason}`)}</strong> · {t(`moderation.kinds.${item.type}`)} ·{' '}
        <bdi>{item.space.name}</bdi> <LabelBadge label={item.label} /> ·{' '}
        {t(`moderation.itemStates.${item.state}`)}
      </p>
      {flag.note && (
        <p>
          {t('moderation.queue.note')} <bdi>{flag.note}</bdi>
        </p>
      )}
      {item.content ? (
        <>
          {item.content.title && (
            <p dir="auto">
              <strong>{item.content.title}</strong>
            </p>
          )}
          <p className="moderation-excerpt" dir="auto">
            {item.content.excerpt}
          </p>
        </>
      ) : (
        <p>{t('moderation.queue.unreadable')}</p>
      )}
      {flag.resolution && (
        <p>
          {t('moderation.queue.closed', {
            action: t(`moderation.history.actions.${flag.resolution.action}`, {
              defaultValue: flag.resolution.action,
            }),
            by: flag.resolution.by ?? '—',
          })}{' '}
          {flag.resolution.reason && <bdi>{flag.resolution.reason}</bdi>}
        </p>
      )}
    </>
  );
}

function QueueList({ flags, open, onChanged }: { flags: FlagView[]; open: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  if (flags.length === 0) return <p>{t('moderation.queue.empty')}</p>;
  return (
    <section aria-labelledby="queue-list">
      <h2 id="queue-list">{t('moderation.queue.list', { n: flags.length })}</h2>
      {open && (
        <BulkForm
          selected={[...selected]}
          onDone={() => {
            setSelected(new Set());
            onChanged();
          }}
        />
      )}
      <ul className="moderation-queue">
        {flags.map((flag) => (
          <li key={flag.id}>
            {open && (
              <input
                type="checkbox"
                id={`select-${flag.id}`}
                checked={selected.has(flag.id)}
                onChange={() => toggle(flag.id)}
                aria-label={t('moderation.queue.select', {
                  reason: t(`moderation.reasons.${flag.reason}`),
                  space: flag.item.space.name,
                })}
              />
            )}
            <div>
              <FlagSummary flag={flag} />
              <Link to={recordPath(flag.item.type, flag.item.id)}>
                {t('moderation.queue.review')}
                <span className="visually-hidden">
                  {' '}
                  {t('moderation.queue.reviewWhat', {
                    reason: t(`moderation.reasons.${flag.reason}`),
                    space: flag.item.space.name,
                  })}
                </span>
              </Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BulkForm({ selected, onDone }: { selected: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<'dismiss' | 'quarantine'>('dismiss');
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [status, setStatus] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    if (selected.length === 0) return setAlert(alertMessage(t('moderation.bulk.noneSelected')));
    if (!reason.trim()) return setAlert(alertMessage(t('moderation.reasonRequired')));
    setSending(true);
    try {
      const { results } = await actOnFlags(selected, action, reason.trim());
      const done = results.filter((r) => r.outcome === 'done').length;
      setStatus(t('moderation.bulk.outcome', { done, refused: results.length - done }));
      setReason('');
      onDone();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };
  return (
    <form className="moderation-panel" onSubmit={submit} noValidate aria-labelledby="bulk-heading">
      <h3 id="bulk-heading">{t('moderation.bulk.heading', { n: selected.length })}</h3>
      <FormAlert message={alert} id="bulk-error" />
      <div className="moderation-filters">
        <FormField id="bulk-action" label={t('moderation.bulk.action')} required>
          {(control) => (
            <select
              {...control}
              value={action}
              onChange={(e) => setAction(e.target.value as 'dismiss' | 'quarantine')}
            >
              <option value="dismiss">{t('moderation.bulk.dismiss')}</option>
              <option value="quarantine">{t('moderation.bulk.quarantine')}</option>
            </select>
          )}
        </FormField>
        <ReasonField id="bulk-reason" label={t('moderation.reason')} value={reason} onChange={setReason} />
        <SubmitButton sending={sending} busyLabel={t('moderation.sending')}>
          {t('moderation.bulk.submit')}
        </SubmitButton>
      </div>
      <StatusMessage>{status}</StatusMessage>
    </form>
  );
}
