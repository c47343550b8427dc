/**
 * The test sign-in: the button sends the browser to the provider with a real AuthnRequest; its answer
 * is validated as a sign-in would be but signs nobody in, and the provider's page comes back with
 * `?test=<id>`, whose outcome this panel shows: success with what was sent and what the person would
 * get, or the reason it failed.
 */
import { useTranslation } from 'react-i18next';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.js';
import { postWithCsrf } from '../../auth/csrf.js';
import { AttributeTable } from './AttributeTable.js';
import type { IdentityProviderView, TestSignInStartView, TestSignInView } from './adminApi.js';
import { useChange } from './useChange.js';

/** The outcome of test `testId`. */
function TestResult({ slug, testId }: { slug: string; testId: string }) {
  const { t } = useTranslation();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const result = useApiGet<TestSignInView>(
    `/identity-providers/${slug}/test-sign-ins/${encodeURIComponent(testId)}`,
  );
  return (
    <div className="admin-test-result">
      <h3 tabIndex={-1} ref={heading}>
        {t('admin.idp.testResult')}
      </h3>
      <StatusMessage>{result.state === 'loading' ? t('admin.loading') : ''}</StatusMessage>
      {result.state === 'error' && <LoadError error={result.error} onRetry={result.retry} />}
      {result.state === 'ready' && (
        <>
          <p className={`notice notice--${result.data.status === 'succeeded' ? 'success' : 'error'}`}>
            {t(`admin.idp.testStatus.${result.data.status}`)}
            {result.data.reason ? ` ${t('admin.idp.testReason', { reason: result.data.reason })}` : ''}
          </p>
          {result.data.outcome && (
            <dl className="admin-facts">
              <dt>{t('admin.idp.nameId')}</dt>
              <dd dir="ltr">{result.data.nameId}</dd>
              <dt>{t('admin.idp.mapped.email')}</dt>
              <dd dir="ltr">{result.data.outcome.email ?? t('admin.idp.missing')}</dd>
              <dt>{t('admin.idp.mapped.name')}</dt>
              <dd>{result.data.outcome.name ?? t('admin.idp.missing')}</dd>
              <dt>{t('admin.idp.mapped.roles')}</dt>
              <dd>{result.data.outcome.roles.map((r) => t(`admin.roles.${r}`)).join(', ')}</dd>
            </dl>
          )}
          {result.data.attributes.length > 0 && (
            <AttributeTable caption={t('admin.idp.testAttributes')} attributes={result.data.attributes} />
          )}
        </>
      )}
    </div>
  );
}

/** The test button, and the outcome of the test named in the address, if any. */
export function TestSignInPanel({ idp, testId }: { idp: IdentityProviderView; testId: string | null }) {
  const { t } = useTranslation();
  const { sending, error, run } = useChange();
  const start = async () => {
    const started = await run(
      () => postWithCsrf<TestSignInStartView>(`/identity-providers/${idp.slug}/test-sign-ins`),
      t('admin.idp.testLeaving'),
    );
    if (started) window.location.assign(started.url);
  };
  return (
    <section className="admin-panel" aria-labelledby="idp-test-heading">
      <h2 id="idp-test-heading">{t('admin.idp.test')}</h2>
      <p>{t('admin.idp.testIntro')}</p>
      <FormAlert id="idp-test-error" message={error} />
      {idp.abilities.test ? (
        <button type="button" className="button" disabled={sending} onClick={() => void start()}>
          {t('admin.idp.testButton')}
        </button>
      ) : (
        <p>{t('admin.idp.testUnavailable')}</p>
      )}
      {testId && <TestResult slug={idp.slug} testId={testId} />}
    </section>
  );
}
