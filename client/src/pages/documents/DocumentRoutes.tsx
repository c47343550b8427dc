/**
 * Documents: /spaces/:slug/documents (a space's documents and the upload form) and /documents/:id (one
 * document, its versions and its access log). Loaded on demand with tus-js-client and the `documents`
 * strings; every page is for signed-in people (others get a link to sign in and come back).
 */
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../../auth/session.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import { NotFoundPage } from '../NotFoundPage.js';
import { DocumentPage } from './DocumentPage.js';
import { SpaceDocumentsPage } from './SpaceDocumentsPage.js';
import './documents.css';

const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
/** A space's documents: /spaces/:slug/documents. */
const SPACE_DOCUMENTS_PATH = new RegExp(`^/spaces/(${SLUG})/documents$`);
/** One document: /documents/:id. */
const DOCUMENT_PATH = /^\/documents\/([a-f0-9]{24})$/;

/** The page of this area that `path` names, behind the sign-in; unknown paths get the not-found page. */
export function DocumentRoutes({ path }: { path: string }) {
  const { session } = useSession();
  const space = SPACE_DOCUMENTS_PATH.exec(path)?.[1];
  const document = DOCUMENT_PATH.exec(path)?.[1];
  if (!space && !document) return <NotFoundPage />;
  if (session.status === 'loading') return null;
  if (session.status !== 'signedIn') return <SignInFirst />;
  const person = session.me.person.id;
  if (space) return <SpaceDocumentsPage key={space} slug={space} person={person} />;
  return <DocumentPage key={document} id={document as string} person={person} />;
}

function SignInFirst() {
  const { t } = useTranslation();
  const { path } = useLocation();
  usePageTitle(t('documents.signIn.heading'));
  return (
    <section>
      <h1>{t('documents.signIn.heading')}</h1>
      <p>
        {t('documents.signIn.text')}{' '}
        <Link to={`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(path))}`}>{t('account.signIn')}</Link>
      </p>
    </section>
  );
}
