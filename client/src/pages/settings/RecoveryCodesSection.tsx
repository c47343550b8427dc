/** Recovery codes in the security settings: how many are left, and new ones (shown once; the old ones stop working). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertMessage, FormAlert, type AlertMessage } from '../../components/FormAlert.js';
import { newRecoveryCodes } from './securityApi.js';
import { securityRefusal } from './securityRefusal.js';

/** Props of {@link RecoveryCodesSection}. */
export interface RecoveryCodesSectionProps {
  left: number;
  /** Whether I have a second factor (recovery codes stand in for one). */
  available: boolean;
  /** Codes issued just now, to show once. */
  freshCodes: string[] | null;
  onNewCodes: (codes: string[]) => void;
}

/** The recovery codes section. */
export function RecoveryCodesSection({ left, available, freshCodes, onNewCodes }: RecoveryCodesSectionProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const [alert, setAlert] = useState<AlertMessage | null>(null);
  const make = () => {
    setSending(true);
    newRecoveryCodes().then(
      (result) => {
        setSending(false);
        setConfirming(false);
        onNewCodes(result.recoveryCodes);
      },
      (error: unknown) => {
        setSending(false);
        setAlert(alertMessage(securityRefusal(error, t)));
      },
    );
  };
  return (
    <section aria-labelledby="codes-heading">
      <h2 id="codes-heading">{t('settings.security.codesHeading')}</h2>
      {!available ? (
        <p>{t('settings.security.codesNone')}</p>
      ) : (
        <>
          <p>{t('settings.security.codesLeft', { n: left })}</p>
          <FormAlert id="codes-alert" message={alert} />
          {freshCodes && (
            <div className="notice" aria-labelledby="fresh-codes-heading">
              <h3 id="fresh-codes-heading">{t('settings.security.freshHeading')}</h3>
              <p>{t('settings.security.freshText')}</p>
              <ul className="recovery-codes" dir="ltr">
                {freshCodes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {confirming ? (
            <div role="group" aria-label={t('settings.security.codesMake')}>
              <p>{t('settings.security.codesConfirm')}</p>
              <div className="form-actions">
                <button type="button" className="button" disabled={sending} onClick={make}>
                  {t('settings.security.codesMakeYes')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => setConfirming(false)}
                >
                  {t('settings.security.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="form-actions">
              <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
                {t('settings.security.codesMake')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
