/** What the rooms pages show to someone who is not signed in: a link to sign in and come back. */
import { useTranslation } from 'react-i18next';
import { safeReturnTo } from '../../auth/session.js';
import { Link, useLocation } from '../../router.js';

/** "Sign in to see your rooms", with a link that returns here. */
export function SignInFirst() {
  const { t } = useTranslation();
  const { path } = useLocation();
  return (
    <section>
      <h1>{t('rooms.heading')}</h1>
      <p>
        {t('rooms.signInFirst')}{' '}
        <Link to={`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(path))}`}>{t('account.signIn')}</Link>
      </p>
    </section>
  );
}
