/**
 * The state a record form keeps while it is sent: the errors per field, the alert and whether it is
 * sending. `send` shows the local errors (with "fix the fields") or else runs the request, and words a
 * refusal per field and in the alert.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { errorRefusal } from '../../errors/refusal.js';
import { fieldErrorsOf } from './RecordFields.js';

/** What {@link useRecordForm} gives a form. */
export interface RecordForm {
  errors: Record<string, string>;
  alert: AlertMessage | null;
  sending: boolean;
  /**
   * Sends unless `local` holds errors: `request` runs, then the errors and alert are cleared (unless
   * `stayBusy`, for a form that leaves the page) and the form may send again.
   */
  send: (local: Record<string, string>, request: () => Promise<void>, stayBusy?: boolean) => Promise<void>;
}

/** The state and the send of a record form. */
export function useRecordForm(): RecordForm {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (local: Record<string, string>, request: () => Promise<void>, stayBusy = false) => {
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setAlert(alertMessage(t('library.form.fix')));
      return;
    }
    setSending(true);
    try {
      await request();
    } catch (error) {
      setErrors(fieldErrorsOf(error, t));
      setAlert(alertMessage(errorRefusal(error, t)));
      setSending(false);
      return;
    }
    if (stayBusy) return;
    setErrors({});
    setAlert(null);
    setSending(false);
  };
  return { errors, alert, sending, send };
}
