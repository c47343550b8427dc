/**
 * A moderator's controls of a document's hold (shown when its `abilities.hold` allows): "Place a
 * hold…" opens a form asking the reason (required; shown with the document and kept in the audit
 * log), or "Lift the hold" when it is held. The outcome is announced in the section's status line; a
 * refusal (the server decides again) is shown as an alert that takes focus.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api.js';
import { FormAlert, alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { errorRefusal } from '../../errors/refusal.js';
import { documentKeys, type DocumentView } from './documentsApi.js';
import { ReasonForm } from './ReasonForm.js';
import { holdDocument, liftDocumentHold } from './retentionApi.js';

/** Props of {@link HoldControls}. */
export interface HoldControlsProps {
  document: DocumentView;
  /** Tells the section's status line what was done. */
  onDone: (said: string) => void;
}

/** The hold form, or the lift button, of `document`. */
export function HoldControls({ document, onDone }: HoldControlsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const id = `hold-${document.id}`;
  const held = document.retention.held !== null;

  const refused = (error: unknown) => {
    const conflict = error instanceof ApiError && error.status === 409;
    setAlert(
      alertMessage(
        conflict
          ? t(held ? 'documents.retention.notHeld' : 'documents.retention.alreadyHeld')
          : errorRefusal(error, t),
      ),
    );
    setSending(false);
  };
  const settle = async (said: string) => {
    await queryClient.invalidateQueries({ queryKey: documentKeys.document(document.id) });
    setSending(false);
    setOpen(false);
    setReason('');
    setAlert(null);
    onDone(said);
    setTimeout(() => opener.current?.focus());
  };
  const close = () => {
    setOpen(false);
    setAlert(null);
    setTimeout(() => opener.current?.focus());
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setAlert(alertMessage(t('documents.retention.reasonRequired')));
      return;
    }
    setSending(true);
    try {
      await holdDocument(document.id, reason.trim());
    } catch (error) {
      refused(error);
      return;
    }
    await settle(t('documents.retention.placed'));
  };
  const lift = async () => {
    setSending(true);
    try {
      await liftDocumentHold(document.id);
    } catch (error) {
      refused(error);
      return;
    }
    await settle(t('documents.retention.lifted'));
  };

  if (held)
    return (
      <div className="hold-controls">
        <FormAlert message={alert} id={`${id}-error`} />
        <button
          ref={opener}
          type="button"
          className="button button--secondary"
          disabled={sending}
          onClick={() => void lift()}
        >
          {sending ? t('documents.retention.lifting') : t('documents.retention.lift')}
        </button>
      </div>
    );
  if (!open)
    return (
      <button ref={opener} type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('documents.retention.holdOpen')}
      </button>
    );
  return (
    <ReasonForm
      id={id}
      className="release-form hold-form"
      question={t('documents.retention.holdQuestion')}
      reasonLabel={t('documents.retention.reason')}
      reasonHint={t('documents.retention.reasonHint')}
      reason={reason}
      onReasonChange={setReason}
      alert={alert}
      sending={sending}
      busyLabel={t('documents.retention.holding')}
      submitLabel={t('documents.retention.submit')}
      cancelLabel={t('documents.retention.cancel')}
      onSubmit={submit}
      onCancel={close}
    />
  );
}
