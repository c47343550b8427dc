/** Flagging a room message for the moderators: a reason and an optional note, then a thank-you. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { errorRefusal } from '../../errors/refusal.js';
import { FLAG_REASONS, flagMessage } from './moderationApi.js';

/** The flag form of message `messageId`; `onDone` closes it. */
export function MessageFlagForm({ messageId, onDone }: { messageId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<(typeof FLAG_REASONS)[number]>('wrong_space_or_sensitive');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const id = `flag-message-${messageId}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await flagMessage(messageId, note.trim() ? { reason, note: note.trim() } : { reason });
      setDone(true);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };
  if (done)
    return (
      <div>
        <StatusMessage>{t('moderation.flagMessage.done')}</StatusMessage>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('moderation.flagMessage.close')}
        </button>
      </div>
    );
  return (
    <form className="message__flag" onSubmit={submit} noValidate>
      <FormAlert message={alert} id={`${id}-error`} />
      <FormField id={`${id}-reason`} label={t('moderation.flagMessage.reason')} required>
        {(control) => (
          <select {...control} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
            {FLAG_REASONS.map((value) => (
              <option key={value} value={value}>
                {t(`moderation.reasons.${value}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-note`} label={t('moderation.flagMessage.note')}>
        {(control) => (
          <textarea {...control} rows={2} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </FormField>
      <SubmitButton sending={sending} busyLabel={t('moderation.sending')}>
        {t('moderation.flagMessage.send')}
      </SubmitButton>{' '}
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('moderation.flagMessage.cancel')}
      </button>
    </form>
  );
}
