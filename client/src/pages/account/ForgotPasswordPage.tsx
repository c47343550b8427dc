/**
 * /forgot-password: asks for a reset link. The answer is the same whether or not an account exists
 * for the address, so the page never tells who has an account.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { SubmitButton } from '../../components/SubmitButton.js';

function Sent() {
  const { t } = useTranslation();
  const panel = useFocusOnMount<HTMLElement>();
  return (
    <section
      className="notice notice--success confirmation"
      ref={panel}
      tabIndex={-1}
      aria-labelledby="reset-sent"
    >
      <h2 id="reset-sent">{t('forgot.sentHeading')}</h2>
      <p>{t('forgot.sentText')}</p>
      <p>
        <Link to="/sign-in">{t('forgot.back')}</Link>
      </p>
    </section>
  );
}

/** The page. */
export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('forgot.title'));
  const [email, setEmail] = useState('');
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    try {
      await postWithCsrf('/auth/password-reset', { email: email.trim() });
      setSent(true);
    } catch (caught) {
      setError(
        alertMessage(authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', t('signIn.checkEmail'))),
      );
      setSending(false);
    }
  };

  return (
    <>
      <h1>{t('forgot.heading')}</h1>
      {sent ? (
        <Sent />
      ) : (
        <>
          <p className="lead">{t('forgot.intro')}</p>
          <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
            <FormAlert id="forgot-error" message={error} />
            <div className="field">
              <label htmlFor="forgot-email">{t('signIn.email')}</label>
              <input
                id="forgot-email"
                type="email"
                dir="ltr"
                autoComplete="username"
                required
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            </div>
            <div className="form-actions">
              <SubmitButton sending={sending} busyLabel={t('forgot.sending')}>
                {t('forgot.submit')}
              </SubmitButton>
              <Link to="/sign-in">{t('forgot.back')}</Link>
            </div>
            <StatusMessage>{sending ? t('forgot.sendingStatus') : ''}</StatusMessage>
          </form>
        </>
      )}
    </>
  );
}
