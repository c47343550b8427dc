/**
 * The provider's signing certificates, and their rollover: add the new certificate beside the old one
 * (both are accepted while the provider switches), then remove the old one. The last one stays.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { FormField } from '../../components/FormField.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { SubmitButton } from '../../components/SubmitButton.js';
import { change, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

/** The certificate list with remove buttons, and the form that adds one. */
export function CertificatesPanel({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const [pem, setPem] = useState('');
  const { sending, error, done, run } = useChange();
  const path = `/identity-providers/${idp.slug}`;
  const canEdit = idp.abilities.update;

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await run(
      () => change('PATCH', path, { addCertificates: [pem] }, path),
      t('admin.idp.certificateAdded'),
    );
    if (ok) setPem('');
  };
  const remove = (fingerprint: string) =>
    void run(
      () => change('PATCH', path, { removeCertificates: [fingerprint] }, path),
      t('admin.idp.certificateRemoved'),
    );

  return (
    <section className="admin-panel" aria-labelledby="idp-certs-heading">
      <h2 id="idp-certs-heading">{t('admin.idp.certificates')}</h2>
      <p>{t('admin.idp.rolloverIntro')}</p>
      <FormAlert id="idp-certs-error" message={error} />
      <ul className="admin-list">
        {idp.certificates.map((cert) => (
          <li key={cert.fingerprint256} className="admin-cert">
            <span dir="ltr">{cert.subject}</span>
            <span>{t('admin.idp.validTo', { date: new Date(cert.validTo).toLocaleDateString() })}</span>
            <code dir="ltr" className="admin-fingerprint">
              {cert.fingerprint256}
            </code>
            {canEdit && idp.certificates.length > 1 && (
              <button
                type="button"
                className="button button--secondary"
                disabled={sending}
                aria-label={t('admin.idp.removeCertificateNamed', { subject: cert.subject })}
                onClick={() => remove(cert.fingerprint256)}
              >
                {t('admin.idp.removeCertificate')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canEdit && (
        <form className="admin-form" onSubmit={(event) => void add(event)} noValidate>
          <FormField
            id="idp-new-cert"
            label={t('admin.idp.newCertificate')}
            hint={t('admin.idp.newCertificateHint')}
            required
          >
            {(control) => (
              <textarea
                {...control}
                dir="ltr"
                rows={6}
                value={pem}
                onChange={(event) => setPem(event.target.value)}
              />
            )}
          </FormField>
          <SubmitButton sending={sending} busyLabel={t('admin.sending')}>
            {t('admin.idp.addCertificate')}
          </SubmitButton>
        </form>
      )}
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}
