/**
 * Our own certificates, as every provider's SP metadata publishes them: the signing certificate (our
 * requests are signed with it) and the encryption certificate (answers may be encrypted for it), each
 * current and, during a change of keys, the next one beside it. Admins change keys here in two steps:
 * publish a next key (every city's provider can take it in advance), then make it current once they
 * have (the old key is retired), the second step after a confirmation.
 */
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { change, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

type Certificate = NonNullable<IdentityProviderView['spCertificates']>[number];
type KeyUse = Certificate['use'];

const USES: KeyUse[] = ['signing', 'encryption'];

/** A key use's name inside a sentence ("signing", "chiffrement"): the label, in lower case. */
function useInSentence(t: TFunction, language: string, use: KeyUse): string {
  return t(`admin.idp.spUse.${use}`).toLocaleLowerCase(language);
}

/** The rollover buttons of one key use: publish a next key, or make the published one current. */
function RolloverControls({
  use,
  hasNext,
  sending,
  onStep,
}: {
  use: KeyUse;
  hasNext: boolean;
  sending: boolean;
  onStep: (use: KeyUse, step: 'next' | 'promote') => void;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const useName = useInSentence(t, i18n.language, use);
  if (!hasNext)
    return (
      <button
        type="button"
        className="button button--secondary"
        disabled={sending}
        onClick={() => onStep(use, 'next')}
      >
        {t('admin.idp.spPublishNext', { use: useName })}
      </button>
    );
  if (!confirming)
    return (
      <button
        type="button"
        className="button button--secondary"
        disabled={sending}
        onClick={() => setConfirming(true)}
      >
        {t('admin.idp.spPromote', { use: useName })}
      </button>
    );
  return (
    <div role="group" aria-labelledby={`sp-promote-${use}`} className="admin-confirm">
      <p id={`sp-promote-${use}`}>{t('admin.idp.spPromoteConfirm', { use: useName })}</p>
      <div className="form-actions">
        <button
          type="button"
          className="button button--danger"
          disabled={sending}
          onClick={() => {
            setConfirming(false);
            onStep(use, 'promote');
          }}
        >
          {t('admin.idp.spPromoteYes')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
          {t('admin.idp.spPromoteCancel')}
        </button>
      </div>
    </div>
  );
}

/** The published certificates, or nothing when the API did not send them. */
export function ServiceProviderCertificates({ idp }: { idp: IdentityProviderView }) {
  const { t, i18n } = useTranslation();
  const { sending, error, done, run } = useChange();
  const certificates = idp.spCertificates ?? [];
  if (certificates.length === 0) return null;
  const step = (use: KeyUse, kind: 'next' | 'promote') => {
    const useName = useInSentence(t, i18n.language, use);
    void run(
      () => change('POST', `/saml/sp-keys/${use}/${kind}`, {}, '/identity-providers'),
      kind === 'next'
        ? t('admin.idp.spNextPublished', { use: useName })
        : t('admin.idp.spPromoted', { use: useName }),
    );
  };
  return (
    <section className="admin-panel" aria-labelledby="idp-sp-certs-heading">
      <h2 id="idp-sp-certs-heading">{t('admin.idp.spCertificates')}</h2>
      <p>{t('admin.idp.spCertificatesIntro')}</p>
      <FormAlert id="idp-sp-certs-error" message={error} />
      <ul className="admin-list">
        {certificates.map((cert) => (
          <li key={`${cert.use}-${cert.fingerprint256}`} className="admin-cert">
            <strong>
              {t(`admin.idp.spUse.${cert.use}`)} ({t(`admin.idp.spState.${cert.state}`)})
            </strong>
            <span>{t('admin.idp.validTo', { date: new Date(cert.validTo).toLocaleDateString() })}</span>
            <code dir="ltr" className="admin-fingerprint">
              {cert.fingerprint256}
            </code>
          </li>
        ))}
      </ul>
      {idp.abilities.rolloverSpKeys && (
        <>
          <p>{t('admin.idp.spRolloverIntro')}</p>
          <div className="form-actions">
            {USES.map((use) => (
              <RolloverControls
                key={use}
                use={use}
                hasNext={certificates.some((cert) => cert.use === use && cert.state === 'next')}
                sending={sending}
                onStep={step}
              />
            ))}
          </div>
        </>
      )}
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
