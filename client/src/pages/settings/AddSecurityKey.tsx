/** Adding a security key or passkey from the settings: a name, then the browser's prompt. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isWebAuthnCancelled, registerWebAuthnKey, webAuthnAvailable } from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { securityRefusal } from './securityRefusal.js';

/** Props of {@link AddSecurityKey}. */
export interface AddSecurityKeyProps {
  /** Called once the key is registered, with the recovery codes issued now (if any). */
  onAdded: (name: string, recoveryCodes: string[] | null) => void;
}

/** The form that registers a new key. */
export function AddSecurityKey({ onAdded }: AddSecurityKeyProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  if (!webAuthnAvailable()) return <p>{t('settings.security.unsupported')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    if (!name.trim()) return setAlert(alertMessage(t('settings.security.nameMissing')));
    setSending(true);
    setAlert(null);
    try {
      const result = await registerWebAuthnKey(name.trim());
      setName('');
      setSending(false);
      onAdded(result.credential.name, result.recoveryCodes);
    } catch (error) {
      setSending(false);
      setAlert(
        alertMessage(
          isWebAuthnCancelled(error) ? t('settings.security.cancelled') : securityRefusal(error, t),
        ),
      );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-key-heading">
      <h3 id="add-key-heading">{t('settings.security.addHeading')}</h3>
      <p>{t('settings.security.addIntro')}</p>
      <FormAlert id="add-key-alert" message={alert} />
      <div className="field">
        <label htmlFor="add-key-name">{t('settings.security.name')}</label>
        <p className="hint" id="add-key-name-hint">
          {t('settings.security.nameHint')}
        </p>
        <input
          id="add-key-name"
          type="text"
          maxLength={60}
          aria-describedby="add-key-name-hint"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('settings.security.waiting')}>
          {t('settings.security.add')}
        </SubmitButton>
      </div>
    </form>
  );
}
