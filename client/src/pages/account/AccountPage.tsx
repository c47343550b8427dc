/** /account: who is signed in, how, and the ways to sign out (this browser, or everywhere). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { formatDate } from '../../format.js';
import { usePageTitle } from '../../hooks/usePageTitle.js';
import { Link } from '../../router.js';

/** The account page; signed out, it points to the sign-in page. */
export function AccountPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const { session, signOut, signOutEverywhere } = useSession();
  const [state, setState] = useState<'idle' | 'sending' | 'failed'>('idle');
  const [ended, setEnded] = useState<number | null>(null);
  usePageTitle(t('account.title'));

  if (session.status === 'loading') return <StatusMessage>{t('account.loading')}</StatusMessage>;
  if (session.status !== 'signedIn') {
    return (
      <>
        <h1>{t('account.title')}</h1>
        {ended !== null && (
          <p role="status" className="notice notice--success">
            {t('account.endedEverywhere', { n: ended })}
          </p>
        )}
        <p>
          <Link to="/sign-in?returnTo=%2Faccount">{t('account.signInToSee')}</Link>
        </p>
      </>
    );
  }

  const { me } = session;
  const run = (action: () => Promise<unknown>) => {
    setState('sending');
    action().then(
      () => setState('idle'),
      () => setState('failed'),
    );
  };
  const method = me.signIn?.method === 'saml' ? t('account.methodSaml') : t('account.methodLocal');
  return (
    <>
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('account.name')}</dt>
          <dd>
            <bdi>{me.person.name}</bdi>
          </dd>
        </div>
        {me.city && (
          <div>
            <dt>{t('account.city')}</dt>
            <dd>
              <bdi>{me.city.name}</bdi>
            </dd>
          </div>
        )}
        {me.signIn && (
          <div>
            <dt>{t('account.signedInWith')}</dt>
            <dd>
              {method} · {formatDate(me.signIn.signedInAt, language)}
            </dd>
          </div>
        )}
      </dl>
      <h2>{t('account.signOutHeading')}</h2>
      <p>{t('account.everywhereText')}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={state === 'sending'} onClick={() => run(signOut)}>
          {t('account.signOut')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={state === 'sending'}
          onClick={() => run(() => signOutEverywhere().then(setEnded))}
        >
          {t('account.signOutEverywhere')}
        </button>
      </div>
      {state === 'failed' && (
        <div className="notice notice--error" role="alert">
          <p>{t('account.signOutFailed')}</p>
        </div>
      )}
    </>
  );
}
