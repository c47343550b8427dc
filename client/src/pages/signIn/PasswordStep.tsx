/** Local sign-in, step 1: e-mail and password. The fields keep what was typed when it fails. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf, rememberCsrfToken } from '../../auth/csrf.js';
import type { LoginAnswer } from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { asApiError } from '../../hooks/useApiGet.js';
import { Link } from '../../router.js';
import { SubmitButton } from '../../components/SubmitButton.js';

/** What the password step can lead to. */
export type LoginStatus = LoginAnswer['status'];

/** Props of {@link PasswordStep}. */
export interface PasswordStepProps {
  email: string;
  onEmailChange: (email: string) => void;
  onDone: (answer: LoginAnswer) => void;
}

/** The e-mail and password form. */
export function PasswordStep({ email, onEmailChange, onDone }: PasswordStepProps) {
  const { t, i18n } = useTranslation();
  const [password, setPassword] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    try {
      const result = await postWithCsrf<LoginAnswer>('/auth/login', {
        email: email.trim(),
        password,
      });
      // The server renews the session (and its CSRF token) once the password is accepted.
      rememberCsrfToken(null);
      onDone(result);
    } catch (caught) {
      const status = asApiError(caught).status;
      const refusal = status === 400 ? t('signIn.checkEmail') : t('signIn.wrongCredentials');
      setError(alertMessage(authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', refusal)));
      setSending(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
      <FormAlert id="sign-in-error" message={error} />
      <div className="field">
        <label htmlFor="sign-in-email">{t('signIn.email')}</label>
        <input
          id="sign-in-email"
          type="email"
          dir="ltr"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => onEmailChange(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="sign-in-password">{t('signIn.password')}</label>
        <input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
      </div>
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('signIn.signingIn')}>
          {t('signIn.submit')}
        </SubmitButton>
        <Link to="/forgot-password">{t('signIn.forgot')}</Link>
      </div>
      <StatusMessage>{sending ? t('signIn.checking') : ''}</StatusMessage>
    </form>
  );
}
