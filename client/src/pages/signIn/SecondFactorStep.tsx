/**
 * Local sign-in, step 2: the person's security key or passkey, the six-digit code from the
 * authenticator app, or one recovery code (whichever they have; the key first when they have one).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf, rememberCsrfToken } from '../../auth/csrf.js';
import { answerWebAuthnSecondFactor, isWebAuthnCancelled, type LoginAnswer } from '../../auth/webauthn.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { SubmitButton } from '../../components/SubmitButton.js';

type Mode = 'key' | 'code' | 'recovery';

/** Props of {@link SecondFactorStep}. */
export interface SecondFactorStepProps {
  /** The second factors the person has. */
  factors: ('totp' | 'webauthn')[];
  /** Called with the server's answer once a factor is accepted. */
  onDone: (answer: LoginAnswer) => void;
  /** Back to the password. */
  onRestart: () => void;
}

/** The second-factor step. */
export function SecondFactorStep({ factors, onDone, onRestart }: SecondFactorStepProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const hasKey = factors.includes('webauthn');
  const hasApp = factors.includes('totp');
  const [mode, setMode] = useState<Mode>(hasKey ? 'key' : 'code');
  const [code, setCode] = useState('');
  const [recoveryCode, setRecoveryCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);

  const accepted = (answer: LoginAnswer) => {
    rememberCsrfToken(null);
    onDone(answer);
  };

  const useKey = async () => {
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      accepted(await answerWebAuthnSecondFactor());
    } catch (caught) {
      const text = isWebAuthnCancelled(caught)
        ? t('signIn.keyCancelled')
        : authErrorMessage(caught, t, language, t('signIn.keyRefused'));
      setError(alertMessage(text));
      setSending(false);
    }
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending || mode === 'key') return;
    const body =
      mode === 'recovery' ? { recoveryCode: recoveryCode.trim() } : { code: code.replace(/\s/g, '') };
    if (mode === 'code' && !/^\d{6}$/.test(body.code ?? '')) {
      setError(alertMessage(t('signIn.codeFormat')));
      return;
    }
    setSending(true);
    try {
      accepted(await postWithCsrf<LoginAnswer>('/auth/login/second-factor', body));
    } catch (caught) {
      setError(alertMessage(authErrorMessage(caught, t, language, t('signIn.wrongCode'))));
      setSending(false);
    }
  };

  const switchTo = (next: Mode) => {
    setMode(next);
    setError(null);
  };

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 tabIndex={-1} ref={heading}>
        {mode === 'key' ? t('signIn.keyHeading') : t('signIn.secondFactorHeading')}
      </h3>
      <FormAlert id="second-factor-error" message={error} />
      {mode === 'key' && (
        <>
          <p className="hint">{t('signIn.keyHint')}</p>
          <div className="form-actions">
            <button type="button" className="button" aria-disabled={sending} onClick={() => void useKey()}>
              {t('signIn.useKey')}
            </button>
          </div>
        </>
      )}
      {mode === 'recovery' && (
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
      )}
      {mode === 'code' && (
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
        {mode !== 'key' && (
          <SubmitButton sending={sending} busyLabel={t('signIn.signingIn')}>
            {t('signIn.verify')}
          </SubmitButton>
        )}
        {hasKey && mode !== 'key' && (
          <button type="button" className="button button--secondary" onClick={() => switchTo('key')}>
            {t('signIn.useKeyInstead')}
          </button>
        )}
        {hasApp && mode !== 'code' && (
          <button type="button" className="button button--secondary" onClick={() => switchTo('code')}>
            {t('signIn.useCode')}
          </button>
        )}
        {mode !== 'recovery' && (
          <button type="button" className="button button--secondary" onClick={() => switchTo('recovery')}>
            {t('signIn.useRecovery')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('signIn.startAgain')}
        </button>
      </div>
      <StatusMessage>
        {sending ? (mode === 'key' ? t('signIn.keyWaiting') : t('signIn.checking')) : ''}
      </StatusMessage>
    </form>
  );
}
