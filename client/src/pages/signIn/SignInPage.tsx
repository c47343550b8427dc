/**
 * /sign-in: the member cities' identity providers (SAML, a full-page round trip) and the local-account
 * form. `?returnTo=/path` is where to go back to afterwards (same-site paths only).
 */
import { useTranslation } from 'react-i18next';
import { safeReturnTo, useSession } from '../../auth/session.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { isolate } from '../../format.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link, useLocation } from '../../router.js';
import type { SignInOptionsView } from '../../types.js';
import { LocalSignIn } from './LocalSignIn.js';
import { DevPersonChooser } from './DevPersonChooser.js';
import { ProviderList } from './ProviderList.js';
import { SamlRefusalNotice } from './SamlRefusalNotice.js';

/** The sign-in page. */
export function SignInPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const returnTo = safeReturnTo(query.get('returnTo'));
  const { session } = useSession();
  const options = useApiGet<SignInOptionsView>('/sign-in-options');
  usePageTitle(t('signIn.title'));

  return (
    <>
      <h1>{t('signIn.heading')}</h1>
      {session.status === 'signedIn' ? (
        <div className="notice notice--success">
          <p>{t('signIn.already', { name: isolate(session.me.person.name) })}</p>
          <p>
            <Link to={returnTo}>{t('signIn.continue')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('signIn.intro')}</p>
          <SamlRefusalNotice code={query.get('samlError')} />
          <DevPersonChooser returnTo={returnTo} />
          {options.state === 'loading' && <StatusMessage>{t('signIn.loadingOptions')}</StatusMessage>}
          {options.state === 'error' && <LoadError error={options.error} onRetry={options.retry} />}
          {options.state === 'ready' && (
            <div className="sign-in">
              <section className="sign-in__part" aria-labelledby="sign-in-city-heading">
                <h2 id="sign-in-city-heading">{t('signIn.cityHeading')}</h2>
                <p>{t('signIn.cityIntro')}</p>
                <ProviderList providers={options.data.providers} returnTo={returnTo} />
              </section>
              {options.data.localAccounts && (
                <section className="sign-in__part" aria-labelledby="sign-in-local-heading">
                  <h2 id="sign-in-local-heading">{t('signIn.localHeading')}</h2>
                  <p>{t('signIn.localIntro')}</p>
                  <LocalSignIn returnTo={returnTo} />
                </section>
              )}
            </div>
          )}
        </>
      )}
    </>
  );
}
