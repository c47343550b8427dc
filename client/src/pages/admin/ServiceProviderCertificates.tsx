/**
 * Our own certificates, as every provider's SP metadata publishes them: the signing certificate (our
 * requests are signed with it) and the encryption certificate (answers may be encrypted for it), each
 * current and, during a change of keys, the next one beside it.
 */
import { useTranslation } from 'react-i18next';
import type { IdentityProviderView } from './adminApi.js';

/** The published certificates, or nothing when the API did not send them. */
export function ServiceProviderCertificates({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const certificates = idp.spCertificates ?? [];
  if (certificates.length === 0) return null;
  return (
    <section className="admin-panel" aria-labelledby="idp-sp-certs-heading">
      <h2 id="idp-sp-certs-heading">{t('admin.idp.spCertificates')}</h2>
      <p>{t('admin.idp.spCertificatesIntro')}</p>
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
    </section>
  );
}
