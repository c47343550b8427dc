/**
 * Expert requests (issue #14): /requests (the lists), /requests/new (the template), /requests/:id (one
 * request, its history, its moves and, for triagers, its matches) and /offers (the offers made to an
 * expert). Loaded on demand with the `requests` strings; every page is for signed-in people.
 */
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../../auth/session.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { NewRequestPage } from './NewRequestPage.js';
import { OffersPage } from './OffersPage.js';
import { RequestPage } from './RequestPage.js';
import { RequestsPage } from './RequestsPage.js';
import './requests.css';

/** One request: /requests/:id. */
const REQUEST_PATH = /^\/requests\/([a-f0-9]{24})$/;

/** The page of this area that `path` names, behind the sign-in; unknown paths get the not-found page. */
export function RequestRoutes({ path }: { path: string }) {
  const { session } = useSession();
  const id = REQUEST_PATH.exec(path)?.[1];
  const known = path === '/requests' || path === '/requests/new' || path === '/offers' || id;
  if (!known) return <NotFoundPage />;
  if (session.status === 'loading') return null;
  if (session.status !== 'signedIn') return <SignInFirst />;
  if (path === '/requests') return <RequestsPage />;
  if (path === '/requests/new') return <NewRequestPage />;
  if (path === '/offers') return <OffersPage />;
  return <RequestPage key={id} id={id as string} />;
}

function SignInFirst() {
  const { t } = useTranslation();
  const { path } = useLocation();
  usePageTitle(t('requests.signIn.heading'));
  return (
    <section>
      <h1>{t('requests.signIn.heading')}</h1>
      <p>
        {t('requests.signIn.text')}{' '}
        <Link to={`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(path))}`}>{t('account.signIn')}</Link>
      </p>
    </section>
  );
}
