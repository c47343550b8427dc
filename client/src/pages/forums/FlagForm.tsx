/** Flagging a topic or reply for the moderators: a reason and an optional note. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { FLAG_REASONS, flagPost } from './forumsApi.js';
import { errorRefusal } from '../../errors/refusal.js';

/** The flag form for post `postId`; `onDone` closes it. */
export function FlagForm({ postId, onDone }: { postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<(typeof FLAG_REASONS)[number]>('wrong_space_or_sensitive');
  const [note, setNote] = useState('');
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await flagPost(postId, note.trim() ? { reason, note } : { reason });
      setDone(true);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };
  if (done) {
    return (
      <div>
        <StatusMessage>{t('forums.flag.done')}</StatusMessage>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('forums.form.close')}
        </button>
      </div>
    );
  }
  return (
    <form className="forum-form forum-form--inline" onSubmit={submit} noValidate>
      <FormAlert message={alert} id={`flag-${postId}-error`} />
      <FormField id={`flag-${postId}-reason`} label={t('forums.flag.reason')} required>
        {(control) => (
          <select {...control} value={reason} onChange={(e) => setReason(e.target.value as typeof reason)}>
            {FLAG_REASONS.map((value) => (
              <option key={value} value={value}>
                {t(`forums.flag.reasons.${value}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`flag-${postId}-note`} label={t('forums.flag.note')}>
        {(control) => (
          <textarea {...control} rows={3} dir="auto" value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </FormField>
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('forums.form.sending')}>
          {t('forums.flag.send')}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('forums.form.cancel')}
        </button>
      </div>
    </form>
  );
}
