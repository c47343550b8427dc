/**
 * /accept-invitation and /reset-password: set a (new) password with the single-use token of the
 * e-mailed link. The password is typed twice; its length rule is shown beside it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf, rememberCsrfToken } from '../../auth/csrf.js';
import { FormField } from '../../components/FormField.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { asApiError } from '../../hooks/useApiGet.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { useLinkToken } from '../../hooks/useLinkToken.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import { SubmitButton } from '../../components/SubmitButton.js';

/** The password rule of the server (shared/schemas/auth.ts). */
const MIN_LENGTH = 12;
const MAX_LENGTH = 256;

/** Which link opened the page. */
export type SetPasswordMode = 'invitation' | 'reset';

function Done({ mode }: { mode: SetPasswordMode }) {
  const { t } = useTranslation();
  const panel = useFocusOnMount<HTMLElement>();
  return (
    <section
      className="notice notice--success confirmation"
      ref={panel}
      tabIndex={-1}
      aria-labelledby="set-password-done"
    >
      <h2 id="set-password-done">{t('setPassword.doneHeading')}</h2>
      <p>{mode === 'invitation' ? t('setPassword.doneInvitation') : t('setPassword.doneReset')}</p>
      <p>
        <Link to="/sign-in">{t('setPassword.signIn')}</Link>
      </p>
    </section>
  );
}

/** The page: the form, or what to do when the link is incomplete, or the confirmation. */
export function SetPasswordPage({ mode }: { mode: SetPasswordMode }) {
  const { t, i18n } = useTranslation();
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ password?: string; confirmation?: string }>({});
  const [error, setError] = useState<AlertMessage | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState(false);
  const [linkInvalid, setLinkInvalid] = useState(false);
  const heading = mode === 'invitation' ? t('setPassword.invitationHeading') : t('setPassword.resetHeading');
  usePageTitle(heading);

  if (done) {
    return (
      <>
        <h1>{heading}</h1>
        <Done mode={mode} />
      </>
    );
  }
  if (!token) {
    return (
      <>
        <h1>{heading}</h1>
        <div className="notice notice--error" role="alert">
          <p>{t('setPassword.noToken')}</p>
        </div>
        <p>
          <Link to="/forgot-password">{t('setPassword.askAgain')}</Link>
        </p>
      </>
    );
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const errors: { password?: string; confirmation?: string } = {};
    if ([...password].length < MIN_LENGTH) errors.password = t('setPassword.tooShort', { min: MIN_LENGTH });
    else if ([...password].length > MAX_LENGTH)
      errors.password = t('setPassword.tooLong', { max: MAX_LENGTH });
    if (confirmation !== password) errors.confirmation = t('setPassword.mismatch');
    setFieldErrors(errors);
    if (errors.password || errors.confirmation) {
      setError(alertMessage(t('setPassword.fix')));
      return;
    }
    setSending(true);
    const path = mode === 'invitation' ? '/auth/invitations/accept' : '/auth/password-reset/confirm';
    try {
      await postWithCsrf(path, { token, password });
      rememberCsrfToken(null); // a reset ends sessions: start the next request with a fresh token
      setDone(true);
    } catch (caught) {
      const apiError = asApiError(caught);
      const passwordRefused = apiError.fieldErrors().some((e) => e.path === 'password');
      setLinkInvalid(!passwordRefused && apiError.status === 400);
      const refusal = passwordRefused
        ? t('setPassword.tooShort', { min: MIN_LENGTH })
        : t('setPassword.linkInvalid');
      setError(alertMessage(authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', refusal)));
      setSending(false);
    }
  };

  return (
    <>
      <h1>{heading}</h1>
      <p className="lead">
        {mode === 'invitation' ? t('setPassword.invitationIntro') : t('setPassword.resetIntro')}
      </p>
      <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormAlert id="set-password-error" message={error} />
        {linkInvalid && (
          <p>
            <Link to="/forgot-password">{t('setPassword.askAgain')}</Link>
          </p>
        )}
        <FormField
          id="new-password"
          label={t('setPassword.password')}
          hint={t('setPassword.rule', { min: MIN_LENGTH, max: MAX_LENGTH })}
          error={fieldErrors.password}
          required
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </FormField>
        <FormField
          id="new-password-again"
          label={t('setPassword.confirmation')}
          error={fieldErrors.confirmation}
          required
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <SubmitButton sending={sending} busyLabel={t('setPassword.saving')}>
            {t('setPassword.submit')}
          </SubmitButton>
        </div>
        <StatusMessage>{sending ? t('setPassword.savingStatus') : ''}</StatusMessage>
      </form>
    </>
  );
}
