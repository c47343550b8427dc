/**
 * /settings/security: my second factors. Security keys and passkeys (add, rename, remove; never the
 * last one my role requires), whether the authenticator app is set up, and recovery codes (how many
 * are left; new ones shown once). Every change is announced in a status region.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { AddSecurityKey } from './AddSecurityKey.js';
import { RecoveryCodesSection } from './RecoveryCodesSection.js';
import { SecurityKeyItem } from './SecurityKeyItem.js';
import { SECOND_FACTORS_PATH, type SecondFactors } from './securityApi.js';

/** The security page. */
export function SecurityPage() {
  const { t } = useTranslation();
  usePageTitle(t('settings.security.title'));
  const factors = useApiGet<SecondFactors>(SECOND_FACTORS_PATH);
  const [announcement, setAnnouncement] = useState('');
  const [freshCodes, setFreshCodes] = useState<string[] | null>(null);
  const changed = (text: string) => {
    setAnnouncement(text);
    factors.retry();
  };

  return (
    <>
      <h1>{t('settings.security.title')}</h1>
      <StatusMessage>{announcement}</StatusMessage>
      {factors.state === 'loading' && <StatusMessage>{t('settings.loading')}</StatusMessage>}
      {factors.state === 'error' && <LoadError error={factors.error} onRetry={factors.retry} />}
      {factors.state === 'ready' && !factors.data.localAccount && <p>{t('settings.security.cityAccount')}</p>}
      {factors.state === 'ready' && factors.data.localAccount && (
        <>
          {factors.data.webauthnRequired && <p className="notice">{t('settings.security.keyRequired')}</p>}
          {!factors.data.webauthnRequired && factors.data.secondFactorRequired && (
            <p className="notice">{t('settings.security.factorRequired')}</p>
          )}
          <section aria-labelledby="keys-heading">
            <h2 id="keys-heading">{t('settings.security.keysHeading')}</h2>
            <p>{t('settings.security.keysIntro')}</p>
            {factors.data.webauthn.length === 0 ? (
              <p>{t('settings.security.noKeys')}</p>
            ) : (
              <ul className="security-keys" aria-labelledby="keys-heading">
                {factors.data.webauthn.map((item) => (
                  <SecurityKeyItem key={item.id} item={item} onChanged={changed} />
                ))}
              </ul>
            )}
            <AddSecurityKey
              onAdded={(name, codes) => {
                if (codes) setFreshCodes(codes);
                changed(t('settings.security.addedKey', { name }));
              }}
            />
          </section>
          <section aria-labelledby="app-heading">
            <h2 id="app-heading">{t('settings.security.appHeading')}</h2>
            <p>{factors.data.totp ? t('settings.security.appOn') : t('settings.security.appOff')}</p>
          </section>
          <RecoveryCodesSection
            left={factors.data.recoveryCodesLeft}
            available={factors.data.totp || factors.data.webauthn.length > 0}
            freshCodes={freshCodes}
            onNewCodes={(codes) => {
              setFreshCodes(codes);
              changed(t('settings.security.codesMade'));
            }}
          />
        </>
      )}
    </>
  );
}
