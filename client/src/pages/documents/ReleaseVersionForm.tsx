/**
 * A moderator's release of a version too large for the virus scanner: a button that opens a form
 * asking the reason (kept in the audit log), then releases the version so the people who may read the
 * document can download it. Shown only when the document's `abilities.release` allows; the server
 * decides again, and a refusal is shown as it worded it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { errorRefusal } from '../../errors/refusal.js';
import { ReasonForm } from './ReasonForm.js';
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
  const id = `release-${document.id}-${version.n}`;
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
    <ReasonForm
      id={id}
      className="release-form"
      question={t('documents.release.question')}
      reasonLabel={t('documents.release.reason')}
      reasonHint={t('documents.release.reasonHint')}
      reason={reason}
      onReasonChange={setReason}
      alert={alert}
      sending={sending}
      busyLabel={t('documents.release.releasing')}
      submitLabel={t('documents.release.submit')}
      cancelLabel={t('documents.release.cancel')}
      onSubmit={submit}
      onCancel={close}
    />
  );
}
