/** The spaces pages are for signed-in people: others get a link to sign in and come back. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../../auth/session.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';

/** Shows `children` once signed in; "sign in first" otherwise (nothing while the session loads). */
export function SignedInOnly({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (session.status === 'loading') return null;
  if (session.status !== 'signedIn') return <SignInFirst />;
  return children;
}

function SignInFirst() {
  const { t } = useTranslation();
  const { path } = useLocation();
  usePageTitle(t('spaces.signIn.heading'));
  return (
    <section>
      <h1>{t('spaces.signIn.heading')}</h1>
      <p>
        {t('spaces.signIn.text')}{' '}
        <Link to={`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(path))}`}>{t('account.signIn')}</Link>
      </p>
    </section>
  );
}
