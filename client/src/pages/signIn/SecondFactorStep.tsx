/** Local sign-in, step 2: the six-digit code from the authenticator app, or one recovery code. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { SubmitButton } from '../../components/SubmitButton.js';

/** The code form; `onSignedIn` once the server accepts it, `onRestart` to go back to the password. */
export function SecondFactorStep({
  onSignedIn,
  onRestart,
}: {
  onSignedIn: () => void;
  onRestart: () => void;
}) {
  const { t, i18n } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const body = useRecovery ? { recoveryCode: recoveryCode.trim() } : { code: code.replace(/\s/g, '') };
    if (!useRecovery && !/^\d{6}$/.test(body.code ?? '')) {
      setError(alertMessage(t('signIn.codeFormat')));
      return;
    }
    setSending(true);
    try {
      await postWithCsrf('/auth/login/second-factor', body);
      onSignedIn();
    } catch (caught) {
      setError(
        alertMessage(authErrorMessage(caught, t, i18n.resolvedLanguage ?? 'en', t('signIn.wrongCode'))),
      );
      setSending(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 tabIndex={-1} ref={heading}>
        {t('signIn.secondFactorHeading')}
      </h3>
      <FormAlert id="second-factor-error" message={error} />
      {useRecovery ? (
        <div className="field">
          <label htmlFor="sign-in-recovery">{t('signIn.recoveryCode')}</label>
          <p className="hint" id="sign-in-recovery-hint">
            {t('signIn.recoveryHint')}
          </p>
          <input
            id="sign-in-recovery"
            type="text"
            dir="ltr"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="sign-in-recovery-hint"
            value={recoveryCode}
            onChange={(event) => setRecoveryCode(event.target.value)}
          />
        </div>
      ) : (
        <div className="field">
          <label htmlFor="sign-in-code">{t('signIn.code')}</label>
          <p className="hint" id="sign-in-code-hint">
            {t('signIn.codeHint')}
          </p>
          <input
            id="sign-in-code"
            className="code-input"
            type="text"
            dir="ltr"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            aria-describedby="sign-in-code-hint"
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
      )}
      <div className="form-actions">
        <SubmitButton sending={sending} busyLabel={t('signIn.signingIn')}>
          {t('signIn.verify')}
        </SubmitButton>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setError(null);
          }}
        >
          {useRecovery ? t('signIn.useCode') : t('signIn.useRecovery')}
        </button>
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('signIn.startAgain')}
        </button>
      </div>
      <StatusMessage>{sending ? t('signIn.checking') : ''}</StatusMessage>
    </form>
  );
}
