/**
 * Registering a security key or passkey during sign-in: when the person's role requires one
 * (REQUIRE_WEBAUTHN_ROLES), or when they chose it over an authenticator app. A name, then the
 * browser's prompt; the first second factor brings recovery codes, shown once; then the session begins.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { rememberCsrfToken } from '../../auth/csrf.js';
import { isWebAuthnCancelled, registerWebAuthnKey } from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { RecoveryCodes } from './EnrolmentStep.js';

/** Props of {@link KeyEnrolmentStep}. */
export interface KeyEnrolmentStepProps {
  /** The person's role requires a key (said in the introduction). */
  required: boolean;
  onSignedIn: () => void;
  onRestart: () => void;
}

/** The key enrolment form. */
export function KeyEnrolmentStep({ required, onSignedIn, onRestart }: KeyEnrolmentStepProps) {
  const { t, i18n } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [name, setName] = useState(() => t('enrol.key.defaultName'));
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} onContinue={onSignedIn} />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    if (!name.trim()) {
      setError(alertMessage(t('enrol.key.nameMissing')));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const result = await registerWebAuthnKey(name.trim());
      rememberCsrfToken(null);
      if (result.recoveryCodes && result.recoveryCodes.length > 0) setCodes(result.recoveryCodes);
      else onSignedIn();
    } catch (caught) {
      const text = isWebAuthnCancelled(caught)
        ? t('signIn.keyCancelled')
        : authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', t('enrol.key.failed'));
      setError(alertMessage(text));
      setSending(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 tabIndex={-1} ref={heading}>
        {t('enrol.key.heading')}
      </h3>
      <p>{required ? t('enrol.key.requiredIntro') : t('enrol.key.intro')}</p>
      <FormAlert id="enrol-key-error" message={error} />
      <div className="field">
        <label htmlFor="enrol-key-name">{t('enrol.key.name')}</label>
        <p className="hint" id="enrol-key-name-hint">
          {t('enrol.key.nameHint')}
        </p>
        <input
          id="enrol-key-name"
          type="text"
          maxLength={60}
          aria-describedby="enrol-key-name-hint"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('signIn.keyWaiting')}>
          {t('enrol.key.register')}
        </SubmitButton>
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('signIn.startAgain')}
        </button>
      </div>
      <StatusMessage>{sending ? t('signIn.keyWaiting') : ''}</StatusMessage>
    </form>
  );
}
