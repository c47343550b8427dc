/** The identity providers the reader may see (admins: every city's; focal points: their city's). */
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';
import type { Page } from '../../types.js';
import type { IdentityProviderView } from './adminApi.js';

/** The list, with a link to register another. */
export function IdentityProvidersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.idps.title'));
  const list = useApiGet<Page<IdentityProviderView>>('/identity-providers?limit=100');
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">{t('admin.idps.title')}</h1>
      {list.state === 'ready' && (
        <p>
          <Link to="/admin/identity-providers/new" className="button">
            {t('admin.idps.register')}
          </Link>
        </p>
      )}
      <StatusMessage>{list.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {list.state === 'error' && <LoadError error={list.error} onRetry={list.retry} />}
      {list.state === 'ready' &&
        (list.data.items.length === 0 ? (
          <p>{t('admin.idps.none')}</p>
        ) : (
          <table className="admin-table">
            <caption className="visually-hidden">{t('admin.idps.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.idps.name')}</th>
                <th scope="col">{t('admin.idps.city')}</th>
                <th scope="col">{t('admin.idps.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((idp) => (
                <tr key={idp.slug}>
                  <td>
                    <Link to={`/admin/identity-providers/${idp.slug}`}>{idp.name}</Link>
                  </td>
                  <td>{idp.city}</td>
                  <td>{t(`admin.idps.statuses.${idp.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
