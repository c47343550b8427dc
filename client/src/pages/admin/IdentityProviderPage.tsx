/**
 * One identity provider: the addresses to give the city's IT team, the test sign-in and its outcome,
 * the certificates and their rollover, the attribute map and role rules beside what the last sign-in
 * sent, the SHA-1 warning and setting, our own certificates, and enabling or disabling it.
 */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { FormAlert } from '../../components/FormAlert.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { NotFoundContent } from '../NotFoundPage.js';
import { CertificatesPanel } from './CertificatesPanel.js';
import { LegacySignaturesPanel } from './LegacySignaturesPanel.js';
import { ServiceProviderCertificates } from './ServiceProviderCertificates.js';
import { MappingPanel } from './MappingPanel.js';
import { TestSignInPanel } from './TestSignInPanel.js';
import { ScimPanel } from './ScimPanel.js';
import { change, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

/** Our service-provider addresses, and the provider's own. */
function Addresses({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  return (
    <dl className="admin-facts">
      <dt>{t('admin.idps.city')}</dt>
      <dd>{idp.city}</dd>
      <dt>{t('admin.idps.status')}</dt>
      <dd>{t(`admin.idps.statuses.${idp.status}`)}</dd>
      <dt>{t('admin.idp.entityId')}</dt>
      <dd dir="ltr">{idp.entityId}</dd>
      <dt>{t('admin.idp.ssoUrl')}</dt>
      <dd dir="ltr">{idp.ssoUrl}</dd>
      <dt>{t('admin.idp.spMetadata')}</dt>
      <dd dir="ltr">
        <a href={idp.sp.metadataUrl}>{idp.sp.metadataUrl}</a>
      </dd>
      <dt>{t('admin.idp.acs')}</dt>
      <dd dir="ltr">{idp.sp.acsUrl}</dd>
    </dl>
  );
}

/** Enables or disables the provider (disabling signs out everyone it signed in). */
function StatusControl({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const { sending, error, done, run } = useChange();
  if (!idp.abilities.update) return null;
  const next = idp.status === 'active' ? 'disabled' : 'active';
  const path = `/identity-providers/${idp.slug}`;
  return (
    <section className="admin-panel" aria-labelledby="idp-status-heading">
      <h2 id="idp-status-heading">{t('admin.idp.statusHeading')}</h2>
      <p>{t(next === 'disabled' ? 'admin.idp.disableIntro' : 'admin.idp.enableIntro')}</p>
      <FormAlert id="idp-status-error" message={error} />
      <button
        type="button"
        className="button button--secondary"
        disabled={sending}
        onClick={() =>
          void run(
            () => change('PATCH', path, { status: next }, '/identity-providers'),
            t('admin.idp.statusSaved'),
          )
        }
      >
        {t(next === 'disabled' ? 'admin.idp.disable' : 'admin.idp.enable')}
      </button>
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

/** The provider named by `slug`. */
export function IdentityProviderPage({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const { query } = useLocation();
  const idp = useApiGet<IdentityProviderView>(`/identity-providers/${slug}`);
  const notFound = idp.state === 'error' && idp.error.status === 404;
  usePageTitle(idp.state === 'ready' ? idp.data.name : t('admin.idps.title'));
  if (notFound)
    return <NotFoundContent heading={t('admin.idp.notFound')} text={t('admin.idp.notFoundText')} />;
  return (
    <section aria-labelledby="admin-heading">
      <p>
        <Link to="/admin/identity-providers">{t('admin.idp.back')}</Link>
      </p>
      <h1 id="admin-heading">{idp.state === 'ready' ? idp.data.name : t('admin.idps.title')}</h1>
      <StatusMessage>{idp.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {idp.state === 'error' && <LoadError error={idp.error} onRetry={idp.retry} />}
      {idp.state === 'ready' && (
        <>
          {idp.data.allowSha1 && (
            <p className="notice notice--error" role="note">
              {t('admin.idp.sha1Warning')}
            </p>
          )}
          <Addresses idp={idp.data} />
          <TestSignInPanel idp={idp.data} testId={query.get('test')} />
          <MappingPanel idp={idp.data} />
          <CertificatesPanel idp={idp.data} />
          <LegacySignaturesPanel idp={idp.data} />
          <ServiceProviderCertificates idp={idp.data} />
          {idp.data.abilities.update && <ScimPanel idp={idp.data} />}
          <StatusControl idp={idp.data} />
        </>
      )}
    </section>
  );
}
