/** The console's sections, as a labelled navigation landmark; the current one is marked. */
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.js';

const SECTIONS = [
  ['applications', '/admin/applications'],
  ['cities', '/admin/cities'],
  ['hubs', '/admin/hubs'],
  ['people', '/admin/people'],
  ['identityProviders', '/admin/identity-providers'],
  ['files', '/admin/files'],
] as const;

/** The section links; `path` is the current path. */
export function AdminNav({ path }: { path: string }) {
  const { t } = useTranslation();
  const current = (to: string) =>
    path === to || path.startsWith(`${to}/`) || (path === '/admin' && to === '/admin/applications');
  return (
    <nav className="admin-nav" aria-label={t('admin.nav')}>
      <ul>
        {SECTIONS.map(([key, to]) => (
          <li key={key}>
            <Link to={to} aria-current={current(to) ? 'page' : undefined}>
              {t(`admin.sections.${key}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
