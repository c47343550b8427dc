/**
 * One item's moderation record: where it lives, its label and state, its excerpt when the moderator
 * may read it, its flags (each may be dismissed with a reason), the actions the server's abilities
 * allow (quarantine, restore, relabel up or down with a justification, move, delete — each with a
 * reason) and its history: who did what, when and why.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LABELS, type Label } from '../../../../shared/policy/labels.js';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { LabelBadge } from '../../components/LabelBadge.js';
import { LoadError } from '../../components/LoadError.js';
import { ReasonField } from '../../components/ReasonField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { errorRefusal } from '../../errors/refusal.js';
import { formatWhen } from '../forums/format.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { ModerationNav } from './ModerationNav.js';
import { actOnItem, dismissFlag, recordPath, type ModeratedKind, type RecordView } from './moderationApi.js';

type Verb = 'quarantine' | 'restore' | 'delete' | 'relabel' | 'move';

/** The record page of item `id` of `type`. */
export function ItemPage({ type, id }: { type: ModeratedKind; id: string }) {
  const { t } = useTranslation();
  usePageTitle(t('moderation.item.title'));
  const record = useApiGet<RecordView>(recordPath(type, id));
  const [status, setStatus] = useState('');
  return (
    <>
      <h1>{t('moderation.item.title')}</h1>
      <ModerationNav current="item" />
      <StatusMessage>{status}</StatusMessage>
      {record.state === 'loading' && <StatusMessage>{t('moderation.loading')}</StatusMessage>}
      {record.state === 'error' && <LoadError error={record.error} onRetry={record.retry} />}
      {record.state === 'ready' && (
        <RecordBody
          record={record.data}
          onChanged={(text) => {
            setStatus(text);
            record.retry();
          }}
        />
      )}
    </>
  );
}

function RecordBody({ record, onChanged }: { record: RecordView; onChanged: (status: string) => void }) {
  const { t, i18n } = useTranslation();
  const { item } = record;
  const may = item.abilities;
  return (
    <>
      <section aria-labelledby="item-heading">
        <h2 id="item-heading">
          {t(`moderation.kinds.${item.type}`)} · <bdi>{item.space.name}</bdi>
        </h2>
        <p>
          <LabelBadge label={item.label} /> ·{' '}
          <span data-testid="item-state">{t(`moderation.itemStates.${item.state}`)}</span>
        </p>
        {item.content ? (
          <>
            {item.content.author && (
              <p>
                {t('moderation.item.author')} <bdi>{item.content.author}</bdi>
              </p>
            )}
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
        {item.state !== 'deleted' && item.content && (
          <p>
            <Link to={item.link}>{t('moderation.item.openWhere')}</Link>
          </p>
        )}
      </section>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t('moderation.item.actions')}</h2>
        {!(may.quarantine || may.restore || may.raise || may.lower || may.delete || may.move) ? (
          <p>{t('moderation.item.noActions')}</p>
        ) : (
          <Actions record={record} onChanged={onChanged} />
        )}
      </section>
      <section aria-labelledby="flags-heading">
        <h2 id="flags-heading">{t('moderation.item.flags', { n: record.flags.length })}</h2>
        <ul className="moderation-queue">
          {record.flags.map((flag) => (
            <li key={flag.id}>
              <div>
                <p>
                  <strong>{t(`moderation.reasons.${flag.reason}`)}</strong> ·{' '}
                  {t(`moderation.states.${flag.state}`)} ·{' '}
                  <time dateTime={flag.createdAt}>{formatWhen(flag.createdAt, i18n.language)}</time>
                </p>
                {flag.note && <p dir="auto">{flag.note}</p>}
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
                {flag.state === 'open' && (
                  <DismissForm
                    flagId={flag.id}
                    reasonName={t(`moderation.reasons.${flag.reason}`)}
                    onDone={() => onChanged(t('moderation.done.dismiss'))}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('moderation.item.history')}</h2>
        {record.history.length === 0 ? (
          <p>{t('moderation.item.noHistory')}</p>
        ) : (
          <ol className="moderation-history">
            {record.history.map((step, i) => (
              <li key={`${step.at}-${i}`}>
                <time dateTime={step.at}>{formatWhen(step.at, i18n.language)}</time> ·{' '}
                <strong>
                  {t(`moderation.history.actions.${step.action}`, { defaultValue: step.action })}
                </strong>
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
                )}
                {step.reason && (
                  <>
                    {' '}
                    ·{' '}
                    <bdi>
                      {step.action === 'flag'
                        ? t(`moderation.reasons.${step.reason}`, { defaultValue: step.reason })
                        : step.reason}
                    </bdi>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function DismissForm({
  flagId,
  reasonName,
  onDone,
}: {
  flagId: string;
  reasonName: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) return setAlert(alertMessage(t('moderation.reasonRequired')));
    setSending(true);
    try {
      await dismissFlag(flagId, reason.trim());
      onDone();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="moderation-filters"
      aria-label={t('moderation.item.dismissWhat', { reason: reasonName })}
    >
      <FormAlert message={alert} id={`dismiss-${flagId}-error`} />
      <ReasonField
        id={`dismiss-${flagId}`}
        label={t('moderation.item.dismissReason')}
        value={reason}
        onChange={setReason}
      />
      <SubmitButton sending={sending} busyLabel={t('moderation.sending')}>
        {t('moderation.item.dismiss')}
      </SubmitButton>
    </form>
  );
}

function Actions({ record, onChanged }: { record: RecordView; onChanged: (status: string) => void }) {
  const { t } = useTranslation();
  const { item } = record;
  const may = item.abilities;
  const [verb, setVerb] = useState<Verb | null>(null);
  const button = (name: Verb, allowed: boolean) =>
    allowed && (
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={verb === name}
        onClick={() => setVerb(verb === name ? null : name)}
      >
        {t(`moderation.actions.${name}`)}
      </button>
    );
  return (
    <>
      <div className="moderation-actions">
        {button('quarantine', may.quarantine)}
        {button('restore', may.restore)}
        {button('relabel', may.raise || may.lower)}
        {button('move', may.move)}
        {button('delete', may.delete)}
      </div>
      {verb && (
        <ActionForm
          key={verb}
          verb={verb}
          record={record}
          onDone={() => {
            setVerb(null);
            onChanged(t(`moderation.done.${verb}`));
          }}
        />
      )}
    </>
  );
}

/** The labels a relabel may choose: above the current one when raising is allowed, below when lowering is. */
function relabelChoices(current: Label, raise: boolean, lower: boolean): Label[] {
  const at = LABELS.indexOf(current);
  return LABELS.filter((_, i) => (i > at && raise) || (i < at && lower));
}

function ActionForm({ verb, record, onDone }: { verb: Verb; record: RecordView; onDone: () => void }) {
  const { t } = useTranslation();
  const { item } = record;
  const choices = relabelChoices(item.label, item.abilities.raise, item.abilities.lower);
  const [reason, setReason] = useState('');
  const [label, setLabel] = useState<Label | ''>('');
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAlert(null);
    if (!reason.trim()) return setAlert(alertMessage(t('moderation.reasonRequired')));
    if (verb === 'relabel' && !label) return setAlert(alertMessage(t('moderation.item.labelRequired')));
    if (verb === 'move' && !to.trim())
      return setAlert(alertMessage(t('moderation.item.destinationRequired')));
    setSending(true);
    try {
      const why = reason.trim();
      if (verb === 'relabel')
        await actOnItem(item.type, item.id, 'relabel', { label: label as Label, justification: why });
      else if (verb === 'move')
        await actOnItem(item.type, item.id, 'move', { to: to.trim(), justification: why });
      else await actOnItem(item.type, item.id, verb, { reason: why });
      onDone();
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  const formId = `action-${verb}`;
  return (
    <form className="moderation-panel" onSubmit={submit} noValidate aria-labelledby={`${formId}-heading`}>
      <h3 id={`${formId}-heading`}>{t(`moderation.actions.${verb}`)}</h3>
      <FormAlert message={alert} id={`${formId}-error`} />
      {verb === 'relabel' && (
        <FormField id={`${formId}-label`} label={t('moderation.item.newLabel')} required>
          {(control) => (
            <select {...control} value={label} onChange={(e) => setLabel(e.target.value as Label)}>
              <option value="">{t('moderation.item.chooseLabel')}</option>
              {choices.map((l) => (
                <option key={l} value={l}>
                  TLP:{l}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {verb === 'move' && (
        <FormField
          id={`${formId}-to`}
          label={t('moderation.item.destination')}
          hint={t('moderation.item.destinationHint')}
          required
        >
          {(control) => <input {...control} type="text" value={to} onChange={(e) => setTo(e.target.value)} />}
        </FormField>
      )}
      <ReasonField
        id={`${formId}-reason`}
        label={verb === 'relabel' || verb === 'move' ? t('moderation.justification') : t('moderation.reason')}
        value={reason}
        onChange={setReason}
      />
      <SubmitButton sending={sending} busyLabel={t('moderation.sending')}>
        {t(`moderation.actions.${verb}Confirm`)}
      </SubmitButton>
    </form>
  );
}
