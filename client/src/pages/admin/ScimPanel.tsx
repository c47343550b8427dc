/**
 * SCIM provisioning on an identity provider's page: the base URL to give the city's directory (Entra
 * ID, Okta, Keycloak), its tokens by prefix with when each was last used, and buttons to make, rotate
 * and revoke them. A new or rotated token is shown once, here, with a copy button; it is stored
 * nowhere in clear, so it cannot be shown again.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ScimTokenIssued, ScimTokenList } from '../../../../shared/schemas/index.js';
import { postWithCsrf, sendWithCsrf } from '../../auth/csrf.js';
import { FormAlert } from '../../components/FormAlert.js';
import { LoadError } from '../../components/LoadError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useApiGet } from '../../hooks/useApiGet.js';
import { refreshUnder, type IdentityProviderView } from './adminApi.js';
import { useChange } from './useChange.js';

type TokenList = z.infer<typeof ScimTokenList>;
type Issued = z.infer<typeof ScimTokenIssued>;

/** The token just made or rotated, shown once, with a copy button. */
function NewToken({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState('');
  const copy = () => {
    void navigator.clipboard
      .writeText(issued.token)
      .then(() => setCopied(t('admin.scim.copied')))
      .catch(() => setCopied(t('admin.scim.copyFailed')));
  };
  return (
    <div className="notice" role="group" aria-labelledby="scim-new-token-label">
      <p id="scim-new-token-label">
        <strong>{t('admin.scim.shownOnce')}</strong>
      </p>
      <label htmlFor="scim-new-token">{t('admin.scim.newToken')}</label>
      <input
        id="scim-new-token"
        dir="ltr"
        readOnly
        value={issued.token}
        onFocus={(event) => event.currentTarget.select()}
      />
      <button type="button" className="button" onClick={copy}>
        {t('admin.scim.copy')}
      </button>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t('admin.scim.hide')}
      </button>
      <StatusMessage>{copied}</StatusMessage>
    </div>
  );
}

/** The SCIM section of a provider's page (for those who may change the provider). */
export function ScimPanel({ idp }: { idp: IdentityProviderView }) {
  const { t } = useTranslation();
  const path = `/identity-providers/${idp.slug}/scim-tokens`;
  const tokens = useApiGet<TokenList>(path);
  const { sending, error, done, run } = useChange();
  const [issued, setIssued] = useState<Issued | null>(null);

  const make = async () => {
    const result = await run(() => postWithCsrf<Issued>(path), t('admin.scim.made'));
    await refreshUnder(path);
    if (result) setIssued(result);
  };
  const rotate = async (id: string) => {
    const result = await run(() => postWithCsrf<Issued>(`${path}/${id}/rotate`), t('admin.scim.rotated'));
    await refreshUnder(path);
    if (result) setIssued(result);
  };
  const revoke = async (id: string) => {
    await run(() => sendWithCsrf<TokenList>('DELETE', `${path}/${id}`), t('admin.scim.revoked'));
    await refreshUnder(path);
  };
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : t('admin.scim.never'));

  return (
    <section className="admin-panel" aria-labelledby="idp-scim-heading">
      <h2 id="idp-scim-heading">{t('admin.scim.heading')}</h2>
      <p>{t('admin.scim.intro')}</p>
      {tokens.state === 'error' && <LoadError error={tokens.error} onRetry={tokens.retry} />}
      {tokens.state === 'ready' && (
        <>
          <p>
            {t('admin.scim.baseUrl')}{' '}
            <code dir="ltr" data-testid="scim-base-url">
              {tokens.data.baseUrl}
            </code>
          </p>
          <FormAlert id="idp-scim-error" message={error} />
          {issued && <NewToken issued={issued} onDone={() => setIssued(null)} />}
          {tokens.data.tokens.length === 0 ? (
            <p>{t('admin.scim.none')}</p>
          ) : (
            <ul className="admin-list" aria-label={t('admin.scim.tokens')}>
              {tokens.data.tokens.map((token) => (
                <li key={token.id}>
                  <code dir="ltr">{token.prefix}…</code>{' '}
                  <span>{t('admin.scim.created', { date: when(token.rotatedAt ?? token.createdAt) })}</span>{' '}
                  <span>{t('admin.scim.lastUsed', { date: when(token.lastUsedAt) })}</span>{' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={sending}
                    aria-label={t('admin.scim.rotateNamed', { prefix: token.prefix })}
                    onClick={() => void rotate(token.id)}
                  >
                    {t('admin.scim.rotate')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={sending}
                    aria-label={t('admin.scim.revokeNamed', { prefix: token.prefix })}
                    onClick={() => void revoke(token.id)}
                  >
                    {t('admin.scim.revoke')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="button" disabled={sending} onClick={() => void make()}>
            {t('admin.scim.make')}
          </button>
          <StatusMessage>{done}</StatusMessage>
        </>
      )}
    </section>
  );
}
