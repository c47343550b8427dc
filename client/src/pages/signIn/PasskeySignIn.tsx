/** "Sign in with a passkey": no e-mail or password; the device verifies the person (PIN, fingerprint, face). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { rememberCsrfToken } from '../../auth/csrf.js';
import {
  isWebAuthnCancelled,
  signInWithPasskey,
  webAuthnAvailable,
  type LoginAnswer,
} from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';

/** The passkey button under the password form (nothing when the browser has no WebAuthn). */
export function PasskeySignIn({ onDone }: { onDone: (answer: LoginAnswer) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);
  if (!webAuthnAvailable()) return null;

  const start = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await signInWithPasskey();
      rememberCsrfToken(null);
      onDone(answer);
    } catch (caught) {
      const text = isWebAuthnCancelled(caught)
        ? t('signIn.keyCancelled')
        : authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', t('signIn.passkeyRefused'));
      setError(alertMessage(text));
      setBusy(false);
    }
  };

  return (
    <div className="passkey-sign-in">
      <p>{t('signIn.passkeyIntro')}</p>
      <FormAlert id="passkey-error" message={error} />
      <button
        type="button"
        className="button button--secondary"
        aria-disabled={busy}
        onClick={() => void start()}
      >
        {t('signIn.passkey')}
      </button>
      <StatusMessage>{busy ? t('signIn.keyWaiting') : ''}</StatusMessage>
    </div>
  );
}
