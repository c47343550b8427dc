/**
 * Setting up the authenticator app when the account requires a second factor: a QR code to scan, the
 * secret to type in (or the otpauth link to open the app), a first code to confirm, then the recovery codes, shown once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { authErrorMessage } from '../../auth/authErrors.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { TotpQrCode } from './TotpQrCode.js';

/** The secret in groups of four, easier to copy by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The recovery codes, shown once; "Continue" signs in. */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [stored, setStored] = useState(false);
  return (
    <section className="auth-form" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading" tabIndex={-1} ref={heading}>
        {t('enrol.codesHeading')}
      </h3>
      <p>{t('enrol.codesText')}</p>
      <ul className="recovery-codes" dir="ltr">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="checkbox">
        <input
          id="recovery-stored"
          type="checkbox"
          checked={stored}
          onChange={(event) => setStored(event.target.checked)}
        />
        <label htmlFor="recovery-stored">{t('enrol.stored')}</label>
      </div>
      <div className="form-actions">
        <button type="button" className="button" disabled={!stored} onClick={onContinue}>
          {t('enrol.continue')}
        </button>
      </div>
    </section>
  );
}

/**
 * Starts the enrolment on mount, confirms it with a code, then shows the recovery codes; `onUseKey`
 * offers a security key or passkey instead.
 */
export function EnrolmentStep({
  onSignedIn,
  onRestart,
  onUseKey,
}: {
  onSignedIn: () => void;
  onRestart: () => void;
  onUseKey?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AlertMessage | null>(null);

  useEffect(() => {
    let live = true;
    postWithCsrf<{ secret: string; uri: string }>('/auth/totp/enrol').then(
      (result) => {
        if (live) setEnrolment(result);
      },
      (caught: unknown) => {
        if (live) setError(alertMessage(authErrorMessage(caught, t, language, t('enrol.startFailed'))));
      },
    );
    return () => {
      live = false;
    };
    // Started once per visit of this step: a language change must not start another enrolment.
  }, []);

  if (codes) return <RecoveryCodes codes={codes} onContinue={onSignedIn} />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError(alertMessage(t('signIn.codeFormat')));
      return;
    }
    setSending(true);
    try {
      const result = await postWithCsrf<{ recoveryCodes: string[] }>('/auth/totp/confirm', { code: digits });
      setCodes(result.recoveryCodes);
    } catch (caught) {
      setError(alertMessage(authErrorMessage(caught, t, language, t('signIn.wrongCode'))));
      setSending(false);
    }
  };

  return (
    <form className="auth-form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 tabIndex={-1} ref={heading}>
        {t('enrol.heading')}
      </h3>
      <p>{t('enrol.intro')}</p>
      <FormAlert id="enrol-error" message={error} />
      {enrolment ? (
        <>
          <p>{t('enrol.scan')}</p>
          <TotpQrCode uri={enrolment.uri} label={t('enrol.qrLabel')} />
          <p>{t('enrol.secretLabel')}</p>
          <p className="totp-secret" dir="ltr">
            <code id="totp-secret">{grouped(enrolment.secret)}</code>
          </p>
          <p>
            <a href={enrolment.uri}>{t('enrol.openApp')}</a>
          </p>
          <div className="field">
            <label htmlFor="enrol-code">{t('signIn.code')}</label>
            <p className="hint" id="enrol-code-hint">
              {t('enrol.codeHint')}
            </p>
            <input
              id="enrol-code"
              className="code-input"
              type="text"
              dir="ltr"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              aria-describedby="enrol-code-hint"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <SubmitButton sending={sending} busyLabel={t('signIn.signingIn')}>
              {t('enrol.confirm')}
            </SubmitButton>
            {onUseKey && (
              <button type="button" className="button button--secondary" onClick={onUseKey}>
                {t('enrol.useKeyInstead')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={onRestart}>
              {t('signIn.startAgain')}
            </button>
          </div>
        </>
      ) : (
        !error && <StatusMessage>{t('enrol.loading')}</StatusMessage>
      )}
      {error && !enrolment && (
        <button type="button" className="button button--secondary" onClick={onRestart}>
          {t('signIn.startAgain')}
        </button>
      )}
      <StatusMessage>{sending ? t('signIn.checking') : ''}</StatusMessage>
    </form>
  );
}
