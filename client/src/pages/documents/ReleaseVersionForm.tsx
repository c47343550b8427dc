/**
 * A moderator's release of a version too large for the virus scanner: a button that opens a form
 * asking the reason (kept in the audit log), then releases the version so the people who may read the
 * document can download it. Shown only when the document's `abilities.release` allows; the server
 * decides again, and a refusal is shown as it worded it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { FormActions } from '../../components/FormActions.js';
import { ReasonField } from '../../components/ReasonField.js';
import { errorRefusal } from '../../errors/refusal.js';
import { documentKeys, releaseVersion, type DocumentView, type VersionView } from './documentsApi.js';

/** The release control of one unscannable version. */
export function ReleaseVersionForm({ document, version }: { document: DocumentView; version: VersionView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const id = `release-${document.id}-${version.n}`;
  useEffect(() => {
    if (open) form.current?.querySelector<HTMLElement>('input')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    setAlert(null);
    setTimeout(() => opener.current?.focus());
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setAlert(alertMessage(t('documents.release.reasonRequired')));
      return;
    }
    setSending(true);
    try {
      await releaseVersion(document.id, version.n, reason.trim());
      await queryClient.invalidateQueries({ queryKey: documentKeys.all() });
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
    }
  };
  if (!open)
    return (
      <button ref={opener} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('documents.release.open', { n: version.n })}
      </button>
    );
  return (
    <form
      ref={form}
      className="release-form"
      onSubmit={submit}
      noValidate
      aria-describedby={`${id}-question`}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        close();
      }}
    >
      <FormAlert message={alert} id={`${id}-error`} />
      <p id={`${id}-question`}>{t('documents.release.question')}</p>
      <ReasonField
        id={`${id}-reason`}
        label={t('documents.release.reason')}
        hint={t('documents.release.reasonHint')}
        value={reason}
        onChange={setReason}
      />
      <FormActions
        sending={sending}
        busyLabel={t('documents.release.releasing')}
        submitLabel={t('documents.release.submit')}
        cancelLabel={t('documents.release.cancel')}
        onCancel={close}
      />
    </form>
  );
}
