/**
 * The good-practice library (issue #14, parts 5 and 6): /library (browse and search; the review view
 * for members), /library/new (write a record, or draft a lesson from a request with ?request=<id>) and
 * /library/:id (one record). Signed-out visitors get the public, text-first pages at the same paths,
 * read from the unauthenticated API (CLEAR and published only).
 */
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../../auth/session.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { LibraryPage } from './LibraryPage.js';
import { NewRecordPage } from './NewRecordPage.js';
import { RecordPage } from './RecordPage.js';
import './library.css';

/** One record: /library/:id. */
const RECORD_PATH = /^\/library\/([a-f0-9]{24})$/;

/** The page of this area that `path` names; unknown paths get the not-found page. */
export function LibraryRoutes({ path }: { path: string }) {
  const { session } = useSession();
  const id = RECORD_PATH.exec(path)?.[1];
  if (path !== '/library' && path !== '/library/new' && !id) return <NotFoundPage />;
  if (session.status === 'loading') return null;
  const isPublic = session.status !== 'signedIn';
  if (path === '/library') return <LibraryPage key={String(isPublic)} isPublic={isPublic} />;
  if (path === '/library/new') return isPublic ? <SignInFirst /> : <NewRecordPage />;
  return <RecordPage key={`${id}-${String(isPublic)}`} id={id as string} isPublic={isPublic} />;
}

function SignInFirst() {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  usePageTitle(t('library.signIn.heading'));
  const back = query.size > 0 ? `${path}?${query.toString()}` : path;
  return (
    <section>
      <h1>{t('library.signIn.heading')}</h1>
      <p>
        {t('library.signIn.text')}{' '}
        <Link to={`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(back))}`}>{t('account.signIn')}</Link>
      </p>
    </section>
  );
}
