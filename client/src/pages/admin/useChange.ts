/** One change in flight at a time, with its refusal ready for a FormAlert and a polite "done" message. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, type AlertMessage } from '../../components/FormAlert.js';
import { errorRefusal } from '../../errors/refusal.js';

/** Runs changes: `sending` while one is on its way, `error` when refused, `done` when it worked. */
export function useChange() {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [done, setDone] = useState('');
  const run = async <T>(send: () => Promise<T>, doneText: string): Promise<T | null> => {
    if (sending) return null;
    setSending(true);
    setError(null);
    setDone('');
    try {
      const result = await send();
      setDone(doneText);
      return result;
    } catch (caught) {
      setError(alertMessage(errorRefusal(caught, t)));
      return null;
    } finally {
      setSending(false);
    }
  };
  return { sending, error, done, run };
}
