/**
 * The Management Unit's verification of an expert: verified or not, and the clearance ceiling (the
 * highest label the expert may receive). Shown only when the server gives the `verify` ability.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { errorRefusal } from '../../errors/refusal.js';
import { verifyExpert, type ExpertView, type VerificationInput } from './expertsApi.js';
import { LABELS } from './vocabulary.js';

/** Props of {@link VerifyControl}. */
export interface VerifyControlProps {
  expert: ExpertView;
  onVerified: (expert: ExpertView) => void;
}

/** A small form: a "verified" checkbox, a clearance select and a save button. */
export function VerifyControl({ expert, onVerified }: VerifyControlProps) {
  const { t } = useTranslation();
  const id = `verify-${expert.person.id}`;
  const [verified, setVerified] = useState(expert.verified);
  const [clearance, setClearance] = useState<VerificationInput['clearance']>(expert.clearance ?? 'GREEN');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setDone(false);
    try {
      const stored = await verifyExpert(expert.person.id, { verified, clearance });
      setAlert(null);
      setDone(true);
      onVerified(stored);
    } catch (error) {
      setAlert(alertMessage(errorRefusal(error, t)));
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="expert-verify" onSubmit={(e) => void submit(e)} noValidate>
      <fieldset>
        <legend>{t('experts.verify.legend', { name: expert.person.name })}</legend>
        <FormAlert message={alert} id={`${id}-alert`} />
        <div className="expert-choice">
          <input
            type="checkbox"
            id={`${id}-verified`}
            checked={verified}
            onChange={(e) => setVerified(e.target.checked)}
          />
          <label htmlFor={`${id}-verified`}>{t('experts.verify.verified')}</label>
        </div>
        <label htmlFor={`${id}-clearance`}>{t('experts.verify.clearance')}</label>{' '}
        <select
          id={`${id}-clearance`}
          value={clearance}
          onChange={(e) => setClearance(e.target.value as VerificationInput['clearance'])}
        >
          {LABELS.map((label) => (
            <option key={label} value={label}>
              TLP:{label}
            </option>
          ))}
        </select>{' '}
        <SubmitButton sending={sending} busyLabel={t('experts.verify.saving')}>
          {t('experts.verify.save')}
        </SubmitButton>
        <span role="status" className="expert-verify__done">
          {done ? t('experts.verify.done', { name: expert.person.name }) : ''}
        </span>
      </fieldset>
    </form>
  );
}
