/**
 * The admins' console, and the focal point's for their own city: /admin/*. Each section reads the
 * API, and shows its controls from the abilities the server sends with each item; what the reader
 * may not read is refused by the server and said so in their language.
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { Link } from '../../router.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { AdminNav } from './AdminNav.js';
import { ApplicationsPage } from './ApplicationsPage.js';
import { CitiesPage } from './CitiesPage.js';
import { FilesPage } from './FilesPage.js';
import { HubsPage } from './HubsPage.js';
import { IdentityProviderPage } from './IdentityProviderPage.js';
import { IdentityProvidersPage } from './IdentityProvidersPage.js';
import { NewIdentityProviderPage } from './NewIdentityProviderPage.js';
import { PeoplePage } from './PeoplePage.js';
import './admin.css';

const IDP_PATH = /^\/admin\/identity-providers\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The section `path` names, or null. */
function sectionFor(path: string) {
  if (path === '/admin' || path === '/admin/applications') return <ApplicationsPage />;
  if (path === '/admin/cities') return <CitiesPage />;
  if (path === '/admin/hubs') return <HubsPage />;
  if (path === '/admin/people') return <PeoplePage />;
  if (path === '/admin/identity-providers') return <IdentityProvidersPage />;
  if (path === '/admin/identity-providers/new') return <NewIdentityProviderPage />;
  if (path === '/admin/files') return <FilesPage />;
  const idp = IDP_PATH.exec(path)?.[1];
  if (idp) return <IdentityProviderPage key={idp} slug={idp} />;
  return null;
}

/** Asks a signed-out visitor to sign in first. */
function SignInFirst() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <p>
        <Link to={`/sign-in?returnTo=${encodeURIComponent(window.location.pathname)}`}>
          {t('admin.signInFirst')}
        </Link>
      </p>
    </>
  );
}

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function AdminRoutes({ path }: { path: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const section = sectionFor(path);
  if (!section) return <NotFoundPage />;
  if (session.status === 'loading') return <StatusMessage>{t('admin.loading')}</StatusMessage>;
  if (session.status !== 'signedIn') return <SignInFirst />;
  return (
    <div className="admin">
      <AdminNav path={path} />
      <div className="admin__main">{section}</div>
    </div>
  );
}
